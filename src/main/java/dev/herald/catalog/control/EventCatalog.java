package dev.herald.catalog.control;

import dev.herald.catalog.entity.TenantEventType;
import dev.herald.platform.Page;
import dev.herald.platform.PageRequest;
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
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The event types a tenant can publish and subscribe to: the built-in ones and its own. */
@ApplicationScoped
@Transactional
public class EventCatalog {

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    public Page<EventType> list(String tenantId, PageRequest request) {
        List<EventType> all = Stream.concat(BuiltInEventTypes.all().stream(), tenantTypes(tenantId).stream())
                .sorted(Comparator.comparing(EventType::name))
                .toList();
        List<EventType> items =
                all.stream().skip(request.offset()).limit(request.pageSize()).toList();
        return new Page<>(items, request.page(), request.pageSize(), all.size());
    }

    /** A read: it joins a transaction under way but starts none, since most types asked for are built in. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<EventType> find(String tenantId, String name) {
        if (BuiltInEventTypes.contains(name)) {
            return Optional.of(BuiltInEventTypes.get(name));
        }
        return Optional.ofNullable(em.find(TenantEventType.class, new TenantEventType.Key(tenantId, name)))
                .map(EventCatalog::toEventType);
    }

    /**
     * Refuses a type the tenant's catalog does not know (a 400 naming {@code type}). A check
     * before anything is written, like {@link #find}: it joins a transaction under way but starts none.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public void requireKnown(String tenantId, String type) {
        if (find(tenantId, type).isEmpty()) {
            throw InvalidInputException.of(
                    "type", "'" + type + "' is not a known event type; see GET /api/v1/event-types");
        }
    }

    public EventType define(String tenantId, String name, String description, JsonObject schema) {
        if (find(tenantId, name).isPresent()) {
            throw new ConflictException("The event type '" + name + "' already exists");
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
            boolean known = Stream.concat(BuiltInEventTypes.all().stream(), tenantTypes(tenantId).stream())
                    .anyMatch(type -> type.category().equals(category));
            return known
                    ? Optional.empty()
                    : Optional.of("'" + pattern + "' names no known category; see GET /api/v1/event-types");
        }
        if (pattern.contains("*")) {
            return Optional.of("'" + pattern + "' is not a valid pattern: use an exact type, 'category.*' or '*'");
        }
        return find(tenantId, pattern).isPresent()
                ? Optional.empty()
                : Optional.of("'" + pattern + "' is not a known event type; see GET /api/v1/event-types");
    }

    private List<EventType> tenantTypes(String tenantId) {
        return em.createQuery("SELECT t FROM TenantEventType t WHERE t.tenantId = :tenant", TenantEventType.class)
                .setParameter("tenant", tenantId)
                .getResultStream()
                .map(EventCatalog::toEventType)
                .toList();
    }

    private static EventType toEventType(TenantEventType type) {
        try (JsonReader reader = Jsons.reader(new StringReader(type.schemaJson()))) {
            return new EventType(
                    type.name(), EventType.categoryOf(type.name()), type.description(), reader.readObject(), false);
        }
    }
}
