package dev.herald.inbound.control;

import dev.herald.platform.json.Jsons;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/**
 * A sender's call in one shape whatever the sender: what happened ({@code kind}: push, tag,
 * release, pipeline, workflow_run, image_push, ping, generic) to which repository, with the
 * ref, tag, commit, image digest and status where the sender gives them. Filters and
 * component matching work on this shape; {@code payload} is the body itself for generic senders.
 */
public record NormalizedEvent(String source, String kind, String repository, String ref, String branch,
        String tag, String commit, String digest, String status, String actor, String url, JsonObject payload) {

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

    /** The event as {@link #toJson()} wrote it (a receipt keeps it so, for processing after commit). */
    public static NormalizedEvent fromJson(JsonObject json) {
        return new NormalizedEvent(json.getString("source", null), json.getString("kind", null),
                json.getString("repository", null), json.getString("ref", null), json.getString("branch", null),
                json.getString("tag", null), json.getString("commit", null), json.getString("digest", null),
                json.getString("status", null), json.getString("actor", null), json.getString("url", null),
                json.containsKey("payload") ? json.getJsonObject("payload") : null);
    }

    private static void put(JsonObjectBuilder json, String name, String value) {
        if (value != null) {
            json.add(name, value);
        }
    }

    /** Splits a git ref into branch or tag: {@code refs/heads/main}, {@code refs/tags/v1.2.0}. */
    static String[] branchAndTag(String ref) {
        if (ref == null) {
            return new String[] {null, null};
        }
        if (ref.startsWith("refs/tags/")) {
            return new String[] {null, ref.substring("refs/tags/".length())};
        }
        if (ref.startsWith("refs/heads/")) {
            return new String[] {ref.substring("refs/heads/".length()), null};
        }
        return new String[] {ref, null};
    }
}
