package dev.herald.delivery.control;

import dev.herald.platform.Times;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Caps on the deliveries one tenant, and one tenant's endpoint, may have in flight (the
 * deployment's caps, divided among the instances that share the database), so a slow or
 * hostile endpoint ties up a few workers, never all of them. An endpoint is an origin
 * (scheme, host and port) as one tenant sends to it: two tenants posting to the same service
 * do not share a cap, so neither can crowd the other out of it.
 * <p>
 * A delivery that finds a cap full is parked here, claimed but not attempted (no attempt is
 * counted, nothing fails), and handed back when a delivery of its tenant finishes. Past
 * {@code backlog} parked per tenant, the caller puts it back in the database to wait instead.
 * <p>
 * A parked delivery takes its subscription as it is when it goes on ({@link RecentTargets}: a
 * pause or a new secret applies to it). It keeps its payload only within the budgets of payload
 * characters below; beyond them it reads the payload when it goes on, so 2,000 parked
 * deliveries of 1 MiB events cannot hold 2 GiB.
 */
final class InFlightLimits {

    record Endpoint(String tenantId, Origin origin) {

        static Endpoint of(String tenantId, String url) {
            return new Endpoint(tenantId, Origin.of(url));
        }
    }

    /** @param weight its payload's characters as its place counts them ({@link #weight}) */
    private record Parked(Endpoint endpoint, Claim claim, Instant parkedAt, long weight) {

        /**
         * Whether half its lease is gone: it must be taken out before the lease runs out, or the
         * delivery is claimed again (by this instance too) and its claim here is stale. A claim
         * whose lease is not known was made just before it was queued: its lease began about
         * when it was parked.
         */
        boolean isAgeing(Instant now, Duration lease) {
            Instant leasedUntil = claim.leasedUntil() != null ? claim.leasedUntil() : parkedAt.plus(lease);
            return !now.isBefore(leasedUntil.minus(lease.dividedBy(2)));
        }
    }

    /** A parked delivery of a large payload taken out for the room given back, until its worker has it. */
    private record HandedOn(Parked parked, Instant at) {}

    /**
     * What {@link #settle} took out of the parking.
     *
     * @param withRoom to dispatch again: their tenant and endpoint have a place for them now
     * @param ageing   to give back to the database: half their lease is gone
     */
    record Settled(List<Claim> withRoom, List<Claim> ageing) {}

    /** Payload characters one tenant's parked deliveries may keep. */
    static final long TENANT_PARKED_CHARS = 1L << 20;

    /** Payload characters all parked deliveries on this instance may keep. */
    static final long PARKED_CHARS = 16L << 20;

    /**
     * A payload of up to this many characters weighs nothing in flight: 128 workers of such
     * payloads hold some 32 MB at most (a character is up to four bytes while it is sent: the
     * text, and its UTF-8 bytes).
     */
    static final int UNWEIGHED_CHARS = 64 * 1024;

    /** How many heap bytes a character of payload in flight is counted as (its text and its bytes). */
    static final int HEAP_BYTES_A_CHAR = 4;

    /** A tenant's part of the instance's sending room: a quarter, so four tenants fill it. */
    static final int TENANT_PARTS = 4;

    /**
     * How long the sending room given back waits for the large delivery it was handed on to: no
     * other large one takes it meanwhile (one that reached a worker first did, and the delivery
     * handed on parked again, behind it, so tenants streaming large payloads kept a fifth out).
     * Past this it waits no more: that delivery may never come (its claim ran out, it was given
     * back to the database).
     */
    static final Duration ROOM_KEPT_FOR_HAND_ON = Duration.ofSeconds(2);

    private final int perTenant;
    private final int perEndpoint;
    private final int backlog;
    /** The caps on this instance: the deployment's divided among the instances that share it. */
    private int tenantShare;

    private int endpointShare;
    private final Map<String, Integer> tenantInFlight = new HashMap<>();
    private final Map<Endpoint, Integer> endpointInFlight = new HashMap<>();
    private final Map<String, ArrayDeque<Parked>> parked = new HashMap<>();
    /** When {@link #release} last handed a tenant's parked delivery on: it takes its place once a worker has it. */
    private final Map<String, Instant> handedOnAt = new HashMap<>();

    private final PayloadBudget payloads = new PayloadBudget(TENANT_PARKED_CHARS, PARKED_CHARS);

    /** Payload characters this instance's deliveries in flight may hold in all ({@link #weight}). */
    private final long sendingRoom;

    private final long tenantSendingRoom;
    private long sending;
    private final Map<String, Long> tenantSending = new HashMap<>();
    private final Map<String, HandedOn> roomHandedOn = new HashMap<>();
    /** The weight of those in {@link #roomHandedOn}: room kept for them. */
    private long promised;

    /**
     * @param sendingRoom payload characters in flight at once on this instance ({@link #sendingRoomOf}),
     *                    a quarter of them for each tenant
     */
    InFlightLimits(int perTenant, int perEndpoint, int backlog, long sendingRoom) {
        this.perTenant = perTenant;
        this.perEndpoint = perEndpoint;
        this.backlog = backlog;
        this.sendingRoom = sendingRoom;
        this.tenantSendingRoom = sendingRoom / TENANT_PARTS;
        share(1);
    }

    /**
     * The sending room of an instance with this most heap: an eighth of it, at
     * {@link #HEAP_BYTES_A_CHAR}. With the README's 320 MiB some 10 Mi characters, ten 1 MiB
     * events in flight at once, two or three of one tenant's. Until 2026-12-07 only the counts
     * bounded them, and four tenants' 32 deliveries each of 1 MiB events, to receivers that
     * answered slowly, ran that heap out.
     */
    static long sendingRoomOf(long maxHeapBytes) {
        return maxHeapBytes / 8 / HEAP_BYTES_A_CHAR;
    }

    /** What a payload of this many characters weighs in flight: nothing when it is small. */
    static long weight(int payloadChars) {
        return payloadChars > UNWEIGHED_CHARS ? payloadChars : 0;
    }

    /** Divides the caps among this many instances: each keeps its part, at least one place. */
    synchronized void share(int instances) {
        tenantShare = Math.max(1, perTenant / instances);
        endpointShare = Math.max(1, perEndpoint / instances);
    }

    /**
     * Takes out all but {@code keep} parked deliveries, the newest of the tenants with the most
     * parked first, for another instance to take up.
     */
    synchronized List<Claim> shed(int keep) {
        return LongestQueues.takeNewest(parked, parkedCount() - keep).stream()
                .map(this::unparked)
                .toList();
    }

    /** What became of a delivery that asked for a place. */
    enum Admission {
        /** It has a place: attempt it, then {@link #release} the place. */
        GO,
        /** A cap is full: it is parked, and a later {@link #release} hands it back. */
        PARKED,
        /** A cap and the tenant's backlog are full: put it back to wait in the database. */
        FULL
    }

    /**
     * Takes a place for one delivery to the endpoint if both caps and the sending room have room,
     * else parks it if the backlog has room. A delivery that weighs something waits behind another
     * tenant's parked one that waits only for the instance's sending room, so that tenants
     * streaming large payloads cannot keep it out.
     *
     * @param weight what its payload weighs in flight ({@link #weight}), given back by {@link #release}
     */
    synchronized Admission admit(Endpoint endpoint, Claim claim, long weight) {
        Instant now = Times.now();
        forgetHandOnsOlderThan(now.minus(ROOM_KEPT_FOR_HAND_ON));
        HandedOn handed = roomHandedOn.remove(claim.deliveryId());
        if (handed != null) {
            promised -= handed.parked().weight();
        }
        // One handed on keeps its place in line, whether it goes now or parks again.
        Instant inLineSince = handed != null ? handed.parked().parkedAt() : now;
        if (mayGo(endpoint, weight, inLineSince, weight > 0 ? line() : null)) {
            take(endpoint, weight);
            return Admission.GO;
        }
        ArrayDeque<Parked> waiting = parked.computeIfAbsent(endpoint.tenantId(), tenant -> new ArrayDeque<>());
        if (waiting.size() >= backlog) {
            return Admission.FULL;
        }
        waiting.add(new Parked(endpoint, payloads.hold(claim), inLineSince, weight));
        return Admission.PARKED;
    }

    /** Out of the parking: the room of a large one is kept for it ({@link #roomHandedOn}). */
    private Claim handedOn(Parked taken) {
        if (taken.weight() > 0) {
            roomHandedOn.put(taken.claim().deliveryId(), new HandedOn(taken, Times.now()));
            promised += taken.weight();
        }
        return unparked(taken);
    }

    private void forgetHandOnsOlderThan(Instant since) {
        roomHandedOn.values().removeIf(handed -> {
            boolean old = handed.at().isBefore(since);
            if (old) {
                promised -= handed.parked().weight();
            }
            return old;
        });
    }

    private void take(Endpoint endpoint, long weight) {
        tenantInFlight.merge(endpoint.tenantId(), 1, Integer::sum);
        endpointInFlight.merge(endpoint, 1, Integer::sum);
        if (weight > 0) {
            tenantSending.merge(endpoint.tenantId(), weight, Long::sum);
            sending += weight;
        }
    }

    /**
     * The line for the instance's sending room: of each tenant, its longest-parked large delivery
     * that has every room but that one. Worked out once a call (each call looks at every parked
     * delivery once, under the lock every worker takes).
     */
    private record Line(Map<String, Parked> oldestOfEach) {

        /** Whether another tenant's large delivery waits for the room since {@code since} or before. */
        boolean holdsBack(String tenantId, Instant since) {
            return oldestOfEach.values().stream()
                    .anyMatch(ahead -> !ahead.endpoint().tenantId().equals(tenantId)
                            && !ahead.parkedAt().isAfter(since));
        }
    }

    private Line line() {
        Map<String, Parked> oldestOfEach = new HashMap<>();
        for (Map.Entry<String, ArrayDeque<Parked>> tenant : parked.entrySet()) {
            for (Parked next : tenant.getValue()) {
                if (next.weight() > 0
                        && hasRoom(next.endpoint())
                        && tenantHasSendingRoom(tenant.getKey(), next.weight())
                        && !instanceHasSendingRoom(next.weight())) {
                    oldestOfEach.merge(
                            tenant.getKey(),
                            next,
                            (kept, other) -> other.parkedAt().isBefore(kept.parkedAt()) ? other : kept);
                }
            }
        }
        return new Line(oldestOfEach);
    }

    /** Another tenant's longest-parked delivery of a large payload that has every room now; null when none. */
    private Parked othersTurn(String exceptTenant) {
        Parked oldest = null;
        for (Map.Entry<String, ArrayDeque<Parked>> tenant : parked.entrySet()) {
            if (tenant.getKey().equals(exceptTenant)) {
                continue;
            }
            for (Parked next : tenant.getValue()) {
                if (next.weight() > 0
                        && hasRoom(next.endpoint(), next.weight())
                        && (oldest == null || next.parkedAt().isBefore(oldest.parkedAt()))) {
                    oldest = next;
                }
            }
        }
        return oldest;
    }

    /** The claim of a delivery taken out of the parking, its payload's characters given back to the budgets. */
    private Claim unparked(Parked taken) {
        return payloads.release(taken.claim());
    }

    /**
     * Gives a place back, and answers the parked delivery that now has room, taken out of the
     * parking: the caller dispatches it again. That is the tenant's own, oldest first, unless
     * the place gave sending room back and another tenant's delivery waits only for that.
     */
    synchronized Optional<Claim> release(Endpoint endpoint, long weight) {
        decrement(tenantInFlight, endpoint.tenantId());
        decrement(endpointInFlight, endpoint);
        if (weight > 0) {
            tenantSending.computeIfPresent(
                    endpoint.tenantId(), (tenant, held) -> held <= weight ? null : held - weight);
            sending -= weight;
            forgetHandOnsOlderThan(Times.now().minus(ROOM_KEPT_FOR_HAND_ON));
            Parked othersTurn = othersTurn(endpoint.tenantId());
            if (othersTurn != null) {
                return Optional.of(handOn(othersTurn.endpoint().tenantId(), othersTurn::equals));
            }
        }
        ArrayDeque<Parked> own = parked.get(endpoint.tenantId());
        Line line = own != null && own.stream().anyMatch(next -> next.weight() > 0) ? line() : null;
        return Optional.ofNullable(
                handOn(endpoint.tenantId(), next -> mayGo(next.endpoint(), next.weight(), next.parkedAt(), line)));
    }

    /** Takes out the tenant's first parked delivery {@code which} accepts, if any. */
    private Claim handOn(String tenantId, Predicate<Parked> which) {
        ArrayDeque<Parked> waiting = parked.get(tenantId);
        if (waiting == null) {
            return null;
        }
        for (Iterator<Parked> it = waiting.iterator(); it.hasNext(); ) {
            Parked next = it.next();
            if (which.test(next)) {
                it.remove();
                if (waiting.isEmpty()) {
                    parked.remove(tenantId);
                }
                handedOnAt.put(tenantId, Times.now());
                return handedOn(next);
            }
        }
        return null;
    }

    /**
     * Takes out, tenant by tenant and oldest first, as many parked deliveries as their tenant
     * and endpoint have places free, and of the rest those whose lease is ageing. A place freed is
     * handed on by {@link #release} only: a delivery handed on that takes no place after all
     * (its claim ran out, its subscription was paused or deleted, opening it failed) left the
     * rest parked behind a free place, and with none in flight no release would ever come.
     * Nor did anything renew a parked claim: behind a slow endpoint its lease ran out, the
     * delivery was claimed again, and the claim left here was stale. Each pump tick settles both.
     * A tenant that had a delivery handed on within {@code handOnGrace} is left to it: that
     * delivery's place looks free until a worker has taken it up, and filling it here as well
     * would send one of the two back to the end of the parking.
     */
    synchronized Settled settle(Instant now, Duration lease, Duration handOnGrace) {
        List<Claim> withRoom = new ArrayList<>();
        List<Claim> ageing = new ArrayList<>();
        Map<String, Integer> tenantTaken = new HashMap<>();
        Map<Endpoint, Integer> endpointTaken = new HashMap<>();
        Map<String, Long> tenantWeightTaken = new HashMap<>();
        Instant handedOnRecently = now.minus(handOnGrace);
        handedOnAt.values().removeIf(at -> !at.isAfter(handedOnRecently));
        forgetHandOnsOlderThan(now.minus(ROOM_KEPT_FOR_HAND_ON));
        Line line = line();
        for (Iterator<ArrayDeque<Parked>> tenants = parked.values().iterator(); tenants.hasNext(); ) {
            ArrayDeque<Parked> waiting = tenants.next();
            for (Iterator<Parked> it = waiting.iterator(); it.hasNext(); ) {
                Parked next = it.next();
                Endpoint endpoint = next.endpoint();
                long weight = next.weight();
                if (!handedOnAt.containsKey(endpoint.tenantId())
                        && tenantInFlight.getOrDefault(endpoint.tenantId(), 0)
                                        + tenantTaken.getOrDefault(endpoint.tenantId(), 0)
                                < tenantShare
                        && endpointInFlight.getOrDefault(endpoint, 0) + endpointTaken.getOrDefault(endpoint, 0)
                                < endpointShare
                        && fitsBeside(
                                weight,
                                tenantSending.getOrDefault(endpoint.tenantId(), 0L)
                                        + tenantWeightTaken.getOrDefault(endpoint.tenantId(), 0L),
                                tenantSendingRoom)
                        && instanceHasSendingRoom(weight) // beside the room kept for those handed on, these too
                        && (weight == 0 || !line.holdsBack(endpoint.tenantId(), next.parkedAt()))) {
                    it.remove();
                    tenantTaken.merge(endpoint.tenantId(), 1, Integer::sum);
                    endpointTaken.merge(endpoint, 1, Integer::sum);
                    if (weight > 0) {
                        tenantWeightTaken.merge(endpoint.tenantId(), weight, Long::sum);
                    }
                    withRoom.add(handedOn(next)); // opened, its lease is renewed if need be
                } else if (next.isAgeing(now, lease)) {
                    it.remove();
                    ageing.add(unparked(next));
                }
            }
            if (waiting.isEmpty()) {
                tenants.remove();
            }
        }
        return new Settled(withRoom, ageing);
    }

    /**
     * Whether the tenant's next delivery, to any endpoint, would find its cap full and its
     * backlog too (what {@link #admit} answers {@link Admission#FULL} to), known before the
     * delivery is even opened.
     */
    synchronized boolean backlogFull(String tenantId) {
        ArrayDeque<Parked> waiting = parked.get(tenantId);
        return waiting != null && waiting.size() >= backlog && tenantInFlight.getOrDefault(tenantId, 0) >= tenantShare;
    }

    /**
     * The tenants with a full backlog parked, whatever their places in flight: another delivery
     * of theirs would most likely be held back, and to an endpoint with a free place it can wait
     * until their backlog has room again.
     */
    synchronized Set<String> fullBacklogs() {
        return parked.entrySet().stream()
                .filter(tenant -> tenant.getValue().size() >= backlog)
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

    /** How many more of the tenant's deliveries may be parked now (none or fewer once its backlog is full). */
    synchronized int backlogRoom(String tenantId) {
        ArrayDeque<Parked> waiting = parked.get(tenantId);
        return backlog - (waiting == null ? 0 : waiting.size());
    }

    synchronized int parkedCount() {
        return parked.values().stream().mapToInt(ArrayDeque::size).sum();
    }

    private boolean hasRoom(Endpoint endpoint) {
        return tenantInFlight.getOrDefault(endpoint.tenantId(), 0) < tenantShare
                && endpointInFlight.getOrDefault(endpoint, 0) < endpointShare;
    }

    /**
     * Whether a delivery may take a place now: {@link #admit} takes it, and a place is handed on
     * only to one it would take (one handed on and parked again is read again, and loses its turn).
     */
    private boolean mayGo(Endpoint endpoint, long weight, Instant inLineSince, Line line) {
        return hasRoom(endpoint, weight) && (weight == 0 || !line.holdsBack(endpoint.tenantId(), inLineSince));
    }

    private boolean hasRoom(Endpoint endpoint, long weight) {
        return hasRoom(endpoint) && tenantHasSendingRoom(endpoint.tenantId(), weight) && instanceHasSendingRoom(weight);
    }

    private boolean tenantHasSendingRoom(String tenantId, long weight) {
        return fitsBeside(weight, tenantSending.getOrDefault(tenantId, 0L), tenantSendingRoom);
    }

    /** Room beside what is sent and what is kept for large deliveries handed on. */
    private boolean instanceHasSendingRoom(long weight) {
        return fitsBeside(weight, sending + promised, sendingRoom);
    }

    /** Whether a payload of this weight fits beside what is held (one larger than the room: when nothing is). */
    private static boolean fitsBeside(long weight, long held, long room) {
        return weight == 0 || held == 0 || held + weight <= room;
    }

    private static <K> void decrement(Map<K, Integer> counts, K key) {
        counts.computeIfPresent(key, (k, count) -> count <= 1 ? null : count - 1);
    }
}
