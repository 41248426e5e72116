package dev.herald.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DispatcherTest {

    private static Claim claim(String id, String tenant) {
        return new Claim(id, tenant, "token");
    }

    private static List<String> ids(List<Claim> claims) {
        return claims.stream().map(Claim::deliveryId).toList();
    }

    @Test
    void heldBackDeliveriesGoBackToTheWorkersAsFarAsTheirTenantsBacklogHasRoomAndNoFurther() {
        List<Claim> held = List.of(
                claim("a1", "a"),
                claim("b1", "b"),
                claim("a2", "a"),
                claim("c1", "c"),
                claim("a3", "a"),
                claim("b2", "b"));
        Map<String, Integer> room = Map.of("a", 2, "b", 0, "c", 5);
        List<String> asked = new ArrayList<>();
        List<Claim> readmitted = new ArrayList<>();

        List<Claim> noRoom = Dispatcher.readmitWhereRoom(
                held,
                tenant -> {
                    asked.add(tenant);
                    return room.get(tenant);
                },
                readmitted::add);

        assertEquals(List.of("a1", "a2", "c1"), ids(readmitted), "in the order they were held back");
        assertEquals(List.of("b1", "a3", "b2"), ids(noRoom));
        assertEquals(List.of("a", "b", "c"), asked, "each tenant's room is asked once");
    }

    @Test
    void aTenantWhoseQueueAlreadyFillsItsBacklogGetsNothingBack() {
        List<Claim> readmitted = new ArrayList<>();
        List<Claim> noRoom =
                Dispatcher.readmitWhereRoom(List.of(claim("a1", "a"), claim("a2", "a")), tenant -> -3, readmitted::add);
        assertEquals(List.of(), readmitted);
        assertEquals(List.of("a1", "a2"), ids(noRoom));
    }

    @Test
    void nothingADeliveryThrowsEndsTheWorkerLoopNotEvenWhatTellingOfItThrows() {
        List<Throwable> told = new ArrayList<>();
        Dispatcher.surviving(
                () -> {
                    throw new OutOfMemoryError("Java heap space");
                },
                told::add);
        assertEquals(1, told.size());

        Dispatcher.surviving(
                () -> {
                    throw new IllegalStateException("the delivery");
                },
                failure -> {
                    throw new java.util.ConcurrentModificationException("the counter, made at that moment");
                });
    }
}
