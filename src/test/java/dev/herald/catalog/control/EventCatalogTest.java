package dev.herald.catalog.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.platform.MigratedH2;
import dev.herald.platform.ReadRoom;
import dev.herald.problems.ConflictException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The catalog on the real schema (H2 in memory, the Flyway migrations): whether a type exists is
 * asked by its name, and a schema of the tenant's own (up to 1 MiB, parsed into some ten times
 * that) is read for an API call only once the call's room has been taken for it.
 */
class EventCatalogTest {

    private static final String SCHEMA = "{\"type\":\"object\",\"description\":\"" + "s".repeat(5_000) + "\"}";

    private static EntityManagerFactory factory;
    private EntityManager em;
    private EventCatalog catalog;

    @BeforeAll
    static void aTenantWithATypeOfItsOwn() throws Exception {
        var database = MigratedH2.inMemory(
                "catalog" + System.nanoTime(),
                "INSERT INTO tenants (id, name, created_at) VALUES ('ten_a', 'a', NOW())",
                "INSERT INTO event_types (tenant_id, name, description, schema_json, created_at)"
                        + " VALUES ('ten_a', 'shop.sold', 'a sale', '" + SCHEMA + "', NOW())");
        factory = MigratedH2.persistenceUnit(database);
    }

    @AfterAll
    static void close() {
        factory.close();
    }

    @BeforeEach
    void catalog() {
        em = factory.createEntityManager();
        catalog = new EventCatalog();
        catalog.em = em;
    }

    @AfterEach
    void closeEntityManager() {
        em.close();
    }

    @Test
    void whetherATypeExistsIsAskedOfItsTenantByName() {
        assertTrue(catalog.isKnown("ten_a", "shop.sold"));
        assertTrue(catalog.isKnown("ten_b", "release.created"), "built in: every tenant's");
        assertFalse(catalog.isKnown("ten_b", "shop.sold"), "another tenant's own");
        assertEquals(
                "'shop.sold' is not a known event type; see GET /api/v1/event-types",
                catalog.problemWithPattern("ten_b", "shop.sold").orElseThrow());
        assertTrue(catalog.problemWithPattern("ten_a", "shop.sold").isEmpty());
    }

    @Test
    void aSchemaOfTheTenantsOwnIsWeighedBeforeItIsRead() {
        List<Long> weighed = new ArrayList<>();
        ReadRoom recording = (chars, tooLarge) -> weighed.add(chars);

        assertEquals(
                "a sale",
                catalog.find("ten_a", "shop.sold", recording).orElseThrow().description());
        assertEquals(List.of((long) SCHEMA.length()), weighed);
        assertTrue(catalog.find("ten_b", "shop.sold", recording).isEmpty(), "another tenant's: not found");
        assertTrue(catalog.find("ten_b", "release.created", recording).isPresent(), "built in");
        assertEquals(1, weighed.size(), "neither weighs anything");
        assertThrows(
                ConflictException.class,
                () -> catalog.find("ten_a", "shop.sold", (chars, tooLarge) -> {
                    throw tooLarge.apply(1);
                }));
    }
}
