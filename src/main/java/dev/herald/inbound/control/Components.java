package dev.herald.inbound.control;

import dev.herald.governance.artifact.control.Artifacts.ArtifactSpec;
import dev.herald.governance.release.control.Releases;
import dev.herald.governance.release.control.Releases.ReleaseSpec;
import dev.herald.inbound.entity.Component;
import dev.herald.inbound.entity.ComponentVersion;
import dev.herald.inbound.entity.Integration;
import dev.herald.platform.Ids;
import dev.herald.platform.Listing;
import dev.herald.platform.Page;
import dev.herald.platform.PageRequest;
import dev.herald.platform.ReadRoom;
import dev.herald.platform.TenantOwned;
import dev.herald.platform.Times;
import dev.herald.problems.ConflictException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Components map repositories to products. A push with a tag to a component's repository
 * records a version, and the component's first matching release trigger creates the release
 * through the governance code path, so {@code release.created} is raised there and only there.
 */
@ApplicationScoped
@Transactional
public class Components {

    private static final Pattern LEADING_V = Pattern.compile("^[vV](?=\\d)");

    /** The widths of what a push records (component_versions, releases, artifacts): longer is not recorded. */
    private static final int MAX_VERSION = 100;

    private static final int MAX_TAG = 200;
    private static final int MAX_DIGEST = 200;
    private static final int MAX_COMMIT = 100;
    private static final int MAX_ARTIFACT_NAME = 300;

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    Releases releases;

    public Component create(String tenantId, ComponentInput in) {
        // A check, not a constraint (the unique key is case-sensitive, and case variants made before
        // this rule may exist): two variants created at the same moment both pass, and a push then
        // records into one of them all the same (mapped).
        mapped(tenantId, in.repository()).ifPresent(taken -> {
            throw new ConflictException("Repository " + in.repository() + " is component " + taken.id() + " already ("
                    + taken.repository() + "; pushes name repositories in any case)");
        });
        Component component = new Component(
                Ids.next("cmp"),
                tenantId,
                in.name(),
                in.repository(),
                in.productId(),
                ReleaseTrigger.toJson(in.triggers()),
                Times.now());
        em.persist(component);
        em.flush();
        return component;
    }

    public Component get(String tenantId, String id) {
        return TenantOwned.get(em, Component.class, "component", tenantId, id);
    }

    /**
     * A page of the tenant's components, newest first.
     *
     * @param room where the page's triggers must fit before they are loaded: a component has up to
     *     20 triggers of 10 rules, some 90 Ki characters, and a page of 200 some 18 Mi
     */
    public Page<Component> list(String tenantId, PageRequest request, ReadRoom room) {
        return Listing.page(
                em,
                Component.class,
                tenantId,
                request,
                new Listing.Bulk(
                        "LENGTH(x.name) + LENGTH(x.repository) + LENGTH(x.productId) + LENGTH(x.triggersJson)",
                        "components",
                        room));
    }

    /** A refusal's first words for deleting a component with release triggers. */
    public static final String DELETING =
            "Deleting release triggers, and the version map they release from, which raise";

    /**
     * The governance event the component's triggers raise, if it has any: deleting it then needs
     * the scope to raise it, as setting it up did ({@link ComponentInput#raises}).
     */
    public static Optional<String> raises(Component component) {
        return ReleaseTrigger.fromJson(component.triggersJson()).isEmpty()
                ? Optional.empty()
                : Optional.of(Releases.CREATED);
    }

    public void delete(String tenantId, String id) {
        Component component = get(tenantId, id);
        em.createQuery("DELETE FROM ComponentVersion v WHERE v.componentId = :id")
                .setParameter("id", id)
                .executeUpdate();
        em.remove(component);
    }

    /** The component's versions, newest first. */
    public Page<ComponentVersion> versions(String tenantId, String id, PageRequest request) {
        get(tenantId, id);
        return Listing.page(em, ComponentVersion.class, tenantId, Map.of("componentId", id), request);
    }

    /**
     * Records what a normalized push means for the tenant's components and answers it in
     * words for the receipt: versions recorded, releases created, or why nothing was.
     */
    public String recordPush(Integration from, String receiptId, NormalizedEvent push) {
        if (push.repository() == null) {
            return "Nothing to record: the call names no repository";
        }
        Optional<Component> component = mapped(from.tenantId(), push.repository());
        if (component.isEmpty()) {
            return "No component maps repository " + push.repository();
        }
        if (push.tag() == null || push.tag().isBlank()) {
            return "Repository " + push.repository() + " has a component, but the call carries no tag to version";
        }
        return recordVersion(component.get(), from, receiptId, push);
    }

    /**
     * What a push will do to the tenant's components, worked out before the sender is answered
     * (reads only; {@link #recordPush} writes it after commit): the component that maps its
     * repository, whether its tag is a new version, and whether a release trigger fires.
     */
    public Optional<Plan> plan(Integration from, NormalizedEvent push) {
        if (push.repository() == null) {
            return Optional.empty();
        }
        return mapped(from.tenantId(), push.repository()).map(component -> {
            if (push.tag() == null || push.tag().isBlank() || unusable(push).isPresent()) {
                return new Plan(component.id(), 0, 0);
            }
            VersionPlan version = planVersion(component, push.tag());
            if (unusable(version.version()).isPresent()) {
                return new Plan(component.id(), 0, 0);
            }
            boolean isNew = version.known().isEmpty();
            boolean createsRelease = isNew
                    && version.trigger().isPresent()
                    && from.feedsReleases()
                    && releaseOf(component, version.version()).isEmpty();
            return new Plan(component.id(), isNew ? 1 : 0, createsRelease ? 1 : 0);
        });
    }

    /**
     * What a push will do, as its sender is told: {@code componentId}, {@code versionsAdded},
     * {@code triggersActivated}.
     */
    public record Plan(String componentId, int versionsAdded, int triggersActivated) {}

    /**
     * The component that maps a repository, whatever the case the sender names it in: the one
     * named in that very case, else the oldest. A repository is one component whatever its case
     * ({@link #create}); case variants created before that rule each took every push's version.
     */
    private Optional<Component> mapped(String tenantId, String repository) {
        List<Component> matching = em.createQuery(
                        "SELECT c FROM Component c WHERE c.tenantId = :tenant"
                                + " AND LOWER(c.repository) = :repository ORDER BY c.id",
                        Component.class)
                .setParameter("tenant", tenantId)
                .setParameter("repository", repository.toLowerCase(Locale.ROOT))
                .getResultList();
        return matching.stream()
                .filter(c -> c.repository().equals(repository))
                .findFirst()
                .or(() -> matching.stream().findFirst());
    }

    /**
     * Locks every component of the component's product, in the order of their ids (so two never
     * wait for each other in turn). Two receipts carrying one tag (a GitHub push and its release,
     * each with its own delivery id) are processed at once, and so are two components of one
     * product pushing one tag (its API and web images): the second waits here, then finds the
     * first's version, or its release.
     */
    private void lockProduct(Component component) {
        em.createQuery(
                        "SELECT c FROM Component c WHERE c.tenantId = :tenant AND c.productId = :product ORDER BY c.id",
                        Component.class)
                .setParameter("tenant", component.tenantId())
                .setParameter("product", component.productId())
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
    }

    private Optional<String> releaseOf(Component component, String version) {
        return releases.idOfVersion(component.tenantId(), component.productId(), version);
    }

    /** A tag's version of a component: the first trigger that matches it, and the version if recorded before. */
    private record VersionPlan(String version, Optional<ReleaseTrigger> trigger, Optional<ComponentVersion> known) {}

    private VersionPlan planVersion(Component component, String tag) {
        Optional<ReleaseTrigger> trigger = ReleaseTrigger.fromJson(component.triggersJson()).stream()
                .filter(t -> t.versionOf(tag).isPresent())
                .findFirst();
        String version = trigger.flatMap(t -> t.versionOf(tag))
                .orElse(LEADING_V.matcher(tag).replaceFirst(""));
        Optional<ComponentVersion> known = em.createQuery(
                        "SELECT v FROM ComponentVersion v"
                                + " WHERE v.componentId = :component AND v.version = :version",
                        ComponentVersion.class)
                .setParameter("component", component.id())
                .setParameter("version", version)
                .getResultStream()
                .findFirst();
        return new VersionPlan(version, trigger, known);
    }

    /**
     * What of the push is longer than Herald keeps, if anything: then its version is not
     * recorded. Checked before any trigger's pattern runs on the tag, so a long tag costs no
     * matching.
     */
    private static Optional<String> unusable(NormalizedEvent push) {
        List<String> wide = new ArrayList<>();
        if (push.tag().length() > MAX_TAG) {
            wide.add("the tag (at most " + MAX_TAG + " characters)");
        }
        if (push.digest() != null && push.digest().length() > MAX_DIGEST) {
            wide.add("the digest (at most " + MAX_DIGEST + ")");
        }
        if (push.commit() != null && push.commit().length() > MAX_COMMIT) {
            wide.add("the commit (at most " + MAX_COMMIT + ")");
        }
        if (push.digest() != null && push.repository().length() + 1 + push.tag().length() > MAX_ARTIFACT_NAME) {
            wide.add("the artifact's name, repository:tag (at most " + MAX_ARTIFACT_NAME + ")");
        }
        return wide.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", wide) + " is too long");
    }

    /** Why the version a tag gives cannot be recorded, if it cannot: empty, or longer than Herald keeps. */
    private static Optional<String> unusable(String version) {
        if (version.isBlank()) {
            return Optional.of("the tag gives an empty version");
        }
        if (version.length() > MAX_VERSION) {
            return Optional.of("the version the tag gives is too long (at most " + MAX_VERSION + " characters)");
        }
        return Optional.empty();
    }

    private String recordVersion(Component component, Integration from, String receiptId, NormalizedEvent push) {
        Optional<String> unusable = unusable(push);
        if (unusable.isPresent()) {
            return "Nothing recorded for component " + component.name() + ": " + unusable.get();
        }
        lockProduct(component);
        VersionPlan plan = planVersion(component, push.tag());
        String version = plan.version();
        unusable = unusable(version);
        if (unusable.isPresent()) {
            return "Nothing recorded for component " + component.name() + ": " + unusable.get();
        }
        Optional<ReleaseTrigger> trigger = plan.trigger();
        Optional<ComponentVersion> known = plan.known();
        if (known.isPresent()) {
            return "Version " + version + " of component " + component.name() + " was recorded before (receipt "
                    + known.get().receiptId() + "); nothing new";
        }
        ComponentVersion recorded = new ComponentVersion(
                Ids.next("cmv"),
                component.tenantId(),
                component.id(),
                version,
                push.tag(),
                push.digest(),
                push.commit(),
                receiptId,
                Times.now());
        em.persist(recorded);
        em.flush();
        if (trigger.isEmpty()) {
            return "Recorded version " + version + " of component " + component.name() + "; no release trigger"
                    + " matches tag " + push.tag();
        }
        if (!from.feedsReleases()) {
            return "Recorded version " + version + " of component " + component.name() + "; its release trigger"
                    + " matches tag " + push.tag() + ", but integration " + from.id() + " was set up without the"
                    + " 'govern' scope, so its pushes create no release (an integration set up by a token with"
                    + " 'govern' does)";
        }
        Optional<String> released = releaseOf(component, version);
        if (released.isPresent()) { // another component of the product, or a person, released that version first
            recorded.released(released.get());
            return "Recorded version " + version + " of component " + component.name() + "; product "
                    + component.productId() + " has release " + released.get()
                    + " of that version already, so none was created"
                    + (push.digest() == null
                            ? ""
                            : " (this push's image " + push.digest() + " is not added to it: register it with"
                                    + " POST /api/v1/artifacts if it belongs there)");
        }
        // A sender's digest becomes an artifact only if it is one the artifacts API would take: a
        // generic sender can put any text there, and an approver reads an artifact as content.
        boolean registersImage = push.digest() != null && ArtifactSpec.isContentDigest(push.digest());
        List<ArtifactSpec> artifacts = registersImage
                ? List.of(new ArtifactSpec(push.repository() + ":" + push.tag(), push.digest(), null, null))
                : List.of();
        // Who acts here is no token but the component's release trigger, fed by an inbound webhook.
        String channel = trigger.get().channelFor(push.tag());
        var release = releases.create(
                component.tenantId(),
                "component:" + component.name(),
                new ReleaseSpec(component.productId(), version, channel, artifacts));
        recorded.released(release.id());
        return "Recorded version " + version + " of component " + component.name() + " and created release "
                + release.id() + " on " + channel
                + (push.digest() == null || registersImage
                        ? ""
                        : " (the push's digest is not a content digest such as sha256:<64 hex digits>, so no"
                                + " artifact was registered)");
    }
}
