package dev.herald.inbound.control;

import dev.herald.platform.json.Jsons;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import java.util.Map;
import java.util.Optional;

/**
 * A sender's call in one shape whatever the sender: what happened ({@code kind}: push, tag,
 * release, pipeline, workflow_run, image_push, ping, generic) to which repository, with the
 * ref, tag, commit, image digest and status where the sender gives them. Filters and
 * component matching work on this shape; {@code payload} is the body itself for generic senders.
 */
public record NormalizedEvent(
        String source,
        String kind,
        String repository,
        String ref,
        String branch,
        String tag,
        String commit,
        String digest,
        String status,
        String actor,
        String url,
        JsonObject payload) {

    /**
     * What a receipt keeps of the event: all but the payload, which is the body itself, kept
     * with the body (and dropped with it, {@code herald.inbound.body-retention}), not beside it
     * for ever. Processing reads no payload.
     */
    public String toStoredJson() {
        JsonObjectBuilder stored = Jsons.object(toJson());
        stored.remove("payload");
        return stored.build().toString();
    }

    /** The JSON filters are evaluated on (JSONPath from {@code $}), absent values left out. */
    public JsonObject toJson() {
        JsonObjectBuilder json = Jsons.object();
        put(json, "source", source);
        put(json, "kind", kind);
        put(json, "repository", repository);
        put(json, "ref", ref);
        put(json, "branch", branch);
        put(json, "tag", tag);
        put(json, "commit", commit);
        put(json, "digest", digest);
        put(json, "status", status);
        put(json, "actor", actor);
        put(json, "url", url);
        if (payload != null) {
            json.add("payload", payload);
        }
        return json.build();
    }

    /**
     * The first field that holds the NUL character, which a database query or column does not
     * take (PostgreSQL refuses it), if any; the payload is kept as JSON text, where it is escaped.
     */
    public Optional<String> fieldWithNul() {
        return toJson().entrySet().stream()
                .filter(field -> field.getValue() instanceof JsonString text
                        && text.getString().indexOf('\u0000') >= 0)
                .map(Map.Entry::getKey)
                .findFirst();
    }

    /** The event as {@link #toStoredJson()} wrote it (a receipt keeps it so, for processing after commit). */
    public static NormalizedEvent fromJson(JsonObject json) {
        return new NormalizedEvent(
                json.getString("source", null),
                json.getString("kind", null),
                json.getString("repository", null),
                json.getString("ref", null),
                json.getString("branch", null),
                json.getString("tag", null),
                json.getString("commit", null),
                json.getString("digest", null),
                json.getString("status", null),
                json.getString("actor", null),
                json.getString("url", null),
                json.containsKey("payload") ? json.getJsonObject("payload") : null);
    }

    private static void put(JsonObjectBuilder json, String name, String value) {
        if (value != null) {
            json.add(name, value);
        }
    }

    /** An event of {@code kind} from {@code source} about {@code repository}; the other fields are set by name. */
    static Builder of(String source, String kind, String repository) {
        return new Builder(source, kind, repository);
    }

    /** The fields a sender gives, each by its name; those it does not give stay null. */
    static final class Builder {

        private final String source;
        private final String kind;
        private final String repository;
        private String ref;
        private String branch;
        private String tag;
        private String commit;
        private String digest;
        private String status;
        private String actor;
        private String url;
        private JsonObject payload;

        private Builder(String source, String kind, String repository) {
            this.source = source;
            this.kind = kind;
            this.repository = repository;
        }

        /** The ref, and the branch or tag it names. */
        Builder gitRef(GitRef gitRef) {
            this.ref = gitRef.ref();
            this.branch = gitRef.branch();
            this.tag = gitRef.tag();
            return this;
        }

        Builder ref(String ref) {
            this.ref = ref;
            return this;
        }

        Builder branch(String branch) {
            this.branch = branch;
            return this;
        }

        Builder tag(String tag) {
            this.tag = tag;
            return this;
        }

        Builder commit(String commit) {
            this.commit = commit;
            return this;
        }

        Builder digest(String digest) {
            this.digest = digest;
            return this;
        }

        Builder status(String status) {
            this.status = status;
            return this;
        }

        Builder actor(String actor) {
            this.actor = actor;
            return this;
        }

        Builder url(String url) {
            this.url = url;
            return this;
        }

        Builder payload(JsonObject payload) {
            this.payload = payload;
            return this;
        }

        NormalizedEvent build() {
            return new NormalizedEvent(
                    source, kind, repository, ref, branch, tag, commit, digest, status, actor, url, payload);
        }
    }
}
