package dev.herald.governance.release.control;

import dev.herald.events.control.EventLog;
import dev.herald.events.control.EventPreview;
import dev.herald.events.control.RecordedEvent;
import dev.herald.governance.artifact.control.Artifacts;
import dev.herald.governance.artifact.entity.Artifact;
import dev.herald.platform.ReadRoom;
import dev.herald.problems.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Every event about a release, its approvals and its artifacts, in the order they were recorded. */
@ApplicationScoped
@Transactional
public class ReleaseTimeline {

    @Inject
    Releases releases;

    /** Approvals, and whatever else is built on releases later. */
    @Inject
    @Any
    Instance<ReleaseParts> parts;

    @Inject
    Artifacts artifacts;

    @Inject
    EventLog eventLog;

    /** @param room where the timeline's data must fit before it is loaded */
    public List<RecordedEvent> of(String tenantId, String releaseId, ReadRoom room) {
        return eventLog.about(
                tenantId,
                subjects(tenantId, releaseId),
                room,
                most -> InvalidInputException.of(
                        "id",
                        "this release's timeline holds more than the " + (most / 1024) + " KiB one call may read (its"
                                + " events' data, and 1 KiB for each event); page through its events with"
                                + " GET /api/v1/events?subject=" + releaseId));
    }

    /**
     * The first {@code limit} events of the timeline, oldest first, each payload previewed: what
     * the console shows, whatever the events weigh.
     */
    public List<EventPreview> previewsOf(String tenantId, String releaseId, int limit) {
        return eventLog.previewsAbout(tenantId, subjects(tenantId, releaseId), limit);
    }

    /** The release, its approvals and its artifacts: the subjects of its events. */
    private List<String> subjects(String tenantId, String releaseId) {
        releases.get(tenantId, releaseId);
        List<String> subjects = new ArrayList<>();
        subjects.add(releaseId);
        parts.forEach(part -> subjects.addAll(part.idsOfRelease(tenantId, releaseId)));
        artifacts.ofRelease(tenantId, releaseId).stream().map(Artifact::id).forEach(subjects::add);
        return subjects;
    }

    /** When the newest event pruned from the tenant's history was recorded, if any was. */
    public Optional<Instant> prunedThrough(String tenantId) {
        return eventLog.prunedThrough(tenantId);
    }
}
