package dev.herald.catalog.control;

import dev.herald.catalog.entity.TenantEventType;
import dev.herald.platform.Listing;
import dev.herald.platform.Page;
import dev.herald.platform.PageRequest;
import dev.herald.platform.ReadRoom;
import dev.herald.platform.Times;
import dev.herald.platform.json.Jsons;
import dev.herald.problems.ConflictException;
import dev.herald.problems.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The event types a tenant can publish and subscribe to: the built-in ones and its own. */
@ApplicationScoped
@Transactional
public class EventCatalog {

    /**
     * The most types a tenant defines: every page of the catalog and every {@code category.*}
     * pattern a subscription names read all of their names. Counted as each is defined, so types
     * defined at the same moment may pass it by a few.
     */
    private static final int MOST_OF_A_TENANT = 1_000;

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    /**
     * A page of the catalog by name: the names are read first, then only the page's own types
     * with their schemas, which must fit {@code room} (a tenant's schemas may be a MiB each, and
     * every one was read and parsed for each page).
     */
    public Page<EventType> list(String tenantId, PageRequest request, ReadRoom room) {
        List<String> names = names(tenantId);
        List<String> page =
                names.stream().skip(request.offset()).limit(request.pageSize()).toList();
        List<String> own =
                page.stream().filter(name -> !BuiltInEventTypes.contains(name)).toList();
        Map<String, EventType> ownTypes = own.isEmpty() ? Map.of() : ownTypes(tenantId, own, room);
        List<EventType> items = page.stream()
                .map(name -> BuiltInEventTypes.contains(name) ? BuiltInEventTypes.get(name) : ownTypes.get(name))
                .filter(Objects::nonNull)
                .toList();
        return new Page<>(items, request.page(), request.pageSize(), names.size());
    }

    /** Every type's name, built-in and the tenant's own, in order. */
    public List<String> names(String tenantId) {
        return Stream.concat(BuiltInEventTypes.all().stream().map(EventType::name), ownNames(tenantId).stream())
                .sorted()
                .toList();
    }

    /** A read: it joins a transaction under way but starts none, since most types asked for are built in. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<EventType> find(String tenantId, String name) {
        return find(tenantId, name, ReadRoom.NONE);
    }

    /**
     * {@link #find(String, String)}, once {@code room} has been taken for a schema of the tenant's
     * own: up to 1 MiB of text, parsed into some ten times that.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<EventType> find(String tenantId, String name, ReadRoom room) {
        if (BuiltInEventTypes.contains(name)) {
            return Optional.of(BuiltInEventTypes.get(name));
        }
        if (room != ReadRoom.NONE) {
            Optional<Number> chars = em.createQuery(
                            "SELECT LENGTH(t.schemaJson) FROM TenantEventType t"
                                    + " WHERE t.tenantId = :tenant AND t.name = :name",
                            Number.class)
                    .setParameter("tenant", tenantId)
                    .setParameter("name", name)
                    .getResultStream()
                    .findFirst();
            if (chars.isEmpty()) {
                return Optional.empty();
            }
            long schemaChars = chars.get().longValue();
            room.take(
                    schemaChars,
                    most -> new ConflictException("This type's schema holds " + schemaChars
                            + " characters, more than one call may read at once (" + most + ")"));
        }
        return Optional.ofNullable(em.find(TenantEventType.class, new TenantEventType.Key(tenantId, name)))
                .map(EventCatalog::toEventType);
    }

    /**
     * The categories of the types Herald raises about itself (API.md: "which Herald raises about
     * itself": {@code webhook.ping}, {@code webhook.disabled}, {@code delivery.exhausted}). A
     * tenant's event in them, built in or its own ({@code webhook.disabled-now}), would reach
     * operators' {@code webhook.*} and {@code delivery.*} subscribers as Herald's word that a
     * subscription was disabled or a delivery gave up.
     */
    private static final Set<String> HERALDS_CATEGORIES = Set.of("webhook", "delivery");

    /** {@link #requireKnown}, and not in a category only Herald raises ({@link #HERALDS_CATEGORIES}). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public void requirePublishable(String tenantId, String type) {
        // A tenant may have defined such a type before the categories were Herald's alone.
        if (HERALDS_CATEGORIES.contains(EventType.categoryOf(type))) {
            throw InvalidInputException.of(
                    "type",
                    "'" + type + "' is in a category Herald raises about itself (" + heraldsCategories()
                            + ") and cannot be published; see GET /api/v1/event-types");
        }
        requireKnown(tenantId, type);
    }

    /**
     * Refuses a type the tenant's catalog does not know (a 400 naming {@code type}). A check
     * before anything is written, like {@link #find}: it joins a transaction under way but starts none.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public void requireKnown(String tenantId, String type) {
        if (!isKnown(tenantId, type)) {
            throw InvalidInputException.of(
                    "type", "'" + type + "' is not a known event type; see GET /api/v1/event-types");
        }
    }

    /**
     * Whether the type is built in or the tenant defined it: its name read, not its schema, which
     * may be a mebibyte that every publish of the type (each item of a batch), every fan-out of an
     * update asking for its share type, and each of a subscription's hundred patterns would read
     * and parse ({@link #find} is for when the schema is wanted).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean isKnown(String tenantId, String name) {
        return BuiltInEventTypes.contains(name) || definesOwn(tenantId, name);
    }

    private boolean definesOwn(String tenantId, String name) {
        return !em.createQuery(
                        "SELECT t.name FROM TenantEventType t WHERE t.tenantId = :tenant AND t.name = :name",
                        String.class)
                .setParameter("tenant", tenantId)
                .setParameter("name", name)
                .getResultList()
                .isEmpty();
    }

    private static String heraldsCategories() {
        return String.join(", ", new TreeSet<>(HERALDS_CATEGORIES));
    }

    public EventType define(String tenantId, String name, String description, JsonObject schema) {
        if (HERALDS_CATEGORIES.contains(EventType.categoryOf(name))) {
            throw InvalidInputException.of(
                    "name",
                    "the categories " + heraldsCategories()
                            + " are Herald's own, for what it raises about itself; name the type in a category of yours");
        }
        if (isKnown(tenantId, name)) {
            throw new ConflictException("The event type '" + name + "' already exists");
        }
        long defined = em.createQuery("SELECT COUNT(t) FROM TenantEventType t WHERE t.tenantId = :tenant", Long.class)
                .setParameter("tenant", tenantId)
                .getSingleResult();
        if (defined >= MOST_OF_A_TENANT) {
            throw new ConflictException("This tenant already defines " + MOST_OF_A_TENANT
                    + " event types, the most a tenant may; a type's schema can describe several kinds of one fact");
        }
        TenantEventType type = new TenantEventType(tenantId, name, description, schema.toString(), Times.now());
        em.persist(type);
        em.flush();
        return toEventType(type);
    }

    /**
     * Checks a subscription's event pattern: an exact type, {@code category.*} for a category
     * that has at least one type, or {@code *}.
     *
     * @return what is wrong with it, or empty when it is fine
     */
    public Optional<String> problemWithPattern(String tenantId, String pattern) {
        if ("*".equals(pattern)) {
            return Optional.empty();
        }
        if (pattern.endsWith(".*")) {
            String category = pattern.substring(0, pattern.length() - 2);
            // By name: each pattern read and parsed every schema of the tenant's catalog.
            boolean known = names(tenantId).stream()
                    .anyMatch(name -> EventType.categoryOf(name).equals(category));
            return known
                    ? Optional.empty()
                    : Optional.of("'" + pattern + "' names no known category; see GET /api/v1/event-types");
        }
        if (pattern.contains("*")) {
            return Optional.of("'" + pattern + "' is not a valid pattern: use an exact type, 'category.*' or '*'");
        }
        return isKnown(tenantId, pattern)
                ? Optional.empty()
                : Optional.of("'" + pattern + "' is not a known event type; see GET /api/v1/event-types");
    }

    private List<String> ownNames(String tenantId) {
        return em.createQuery("SELECT t.name FROM TenantEventType t WHERE t.tenantId = :tenant", String.class)
                .setParameter("tenant", tenantId)
                .getResultList();
    }

    private Map<String, EventType> ownTypes(String tenantId, List<String> names, ReadRoom room) {
        Object[] weight = em.createQuery(
                        "SELECT SUM(LENGTH(t.schemaJson)), MAX(LENGTH(t.schemaJson)) FROM TenantEventType t"
                                + " WHERE t.tenantId = :tenant AND t.name IN :names",
                        Object[].class)
                .setParameter("tenant", tenantId)
                .setParameter("names", names)
                .getSingleResult();
        if (weight[0] != null) {
            long chars = ((Number) weight[0]).longValue();
            long largest = ((Number) weight[1]).longValue();
            room.take(chars, most -> Listing.Bulk.tooLarge("event types' schemas", chars, largest, most));
        }
        return em.createQuery(
                        "SELECT t FROM TenantEventType t WHERE t.tenantId = :tenant AND t.name IN :names",
                        TenantEventType.class)
                .setParameter("tenant", tenantId)
                .setParameter("names", names)
                .getResultStream()
                .map(EventCatalog::toEventType)
                .collect(Collectors.toMap(EventType::name, type -> type));
    }

    private static EventType toEventType(TenantEventType type) {
        try (JsonReader reader = Jsons.reader(new StringReader(type.schemaJson()))) {
            return new EventType(
                    type.name(), EventType.categoryOf(type.name()), type.description(), reader.readObject(), false);
        }
    }
}
