package dev.herald.inbound.control;

import static dev.herald.inbound.control.JsonPath.text;

import jakarta.json.JsonObject;

/** GitLab's push, tag push, pipeline and release hooks (the X-Gitlab-Event header names them). */
public class GitLabNormalizer implements Normalizer {

    @Override
    public String eventName(InboundCall call, JsonObject body) {
        return call.header("X-Gitlab-Event");
    }

    @Override
    public Result normalize(InboundCall call, JsonObject body) {
        String event = eventName(call, body);
        String repository = text(body, "$.project.path_with_namespace");
        if (event == null) {
            return Result.ignored("No X-Gitlab-Event header: not a GitLab webhook");
        }
        switch (event) {
            case "Push Hook", "Tag Push Hook": {
                if (text(body, "$.checkout_sha") == null) {
                    return Result.ignored("A branch or tag was deleted; nothing was pushed");
                }
                GitRef ref = GitRef.parse(text(body, "$.ref"));
                return Result.of(NormalizedEvent.of("gitlab", ref.isTag() ? "tag" : "push", repository)
                        .gitRef(ref)
                        .commit(text(body, "$.checkout_sha"))
                        .actor(text(body, "$.user_username"))
                        .url(text(body, "$.project.web_url"))
                        .build());
            }
            case "Pipeline Hook": {
                boolean onTag = "true".equals(text(body, "$.object_attributes.tag"));
                String ref = text(body, "$.object_attributes.ref");
                // A pipeline's ref is a bare branch or tag name; the tag flag says which.
                return Result.of(NormalizedEvent.of("gitlab", "pipeline", repository)
                        .ref(ref)
                        .branch(onTag ? null : ref)
                        .tag(onTag ? ref : null)
                        .commit(text(body, "$.object_attributes.sha"))
                        .status(text(body, "$.object_attributes.status"))
                        .actor(text(body, "$.user.username"))
                        .url(text(body, "$.object_attributes.url"))
                        .build());
            }
            case "Release Hook":
                return Result.of(NormalizedEvent.of("gitlab", "release", repository)
                        .tag(text(body, "$.tag"))
                        .commit(text(body, "$.commit.id"))
                        .status(text(body, "$.action"))
                        .url(text(body, "$.url"))
                        .build());
            case "Merge Request Hook": {
                // As GitHub's pull requests: branch is the target, status the action (merged once merged).
                String action = text(body, "$.object_attributes.action");
                boolean merged = "merge".equals(action);
                String mergeCommit = merged ? text(body, "$.object_attributes.merge_commit_sha") : null;
                return Result.of(NormalizedEvent.of("gitlab", "merge_request", repository)
                        .branch(text(body, "$.object_attributes.target_branch"))
                        .commit(mergeCommit != null ? mergeCommit : text(body, "$.object_attributes.last_commit.id"))
                        .status(merged ? "merged" : action)
                        .actor(text(body, "$.user.username"))
                        .url(text(body, "$.object_attributes.url"))
                        .build());
            }
            default:
                return Result.ignored("GitLab's '" + event + "' is not one Herald normalizes"
                        + " (Push Hook, Tag Push Hook, Pipeline Hook, Release Hook, Merge Request Hook)");
        }
    }
}
