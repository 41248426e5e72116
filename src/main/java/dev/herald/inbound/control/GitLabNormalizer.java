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
                String ref = text(body, "$.ref");
                String[] branchAndTag = NormalizedEvent.branchAndTag(ref);
                if (text(body, "$.checkout_sha") == null) {
                    return Result.ignored("A branch or tag was deleted; nothing was pushed");
                }
                return Result.of(new NormalizedEvent("gitlab", branchAndTag[1] != null ? "tag" : "push", repository,
                        ref, branchAndTag[0], branchAndTag[1], text(body, "$.checkout_sha"), null, null,
                        text(body, "$.user_username"), text(body, "$.project.web_url"), null));
            }
            case "Pipeline Hook": {
                boolean onTag = "true".equals(text(body, "$.object_attributes.tag"));
                String ref = text(body, "$.object_attributes.ref");
                return Result.of(new NormalizedEvent("gitlab", "pipeline", repository, ref, onTag ? null : ref,
                        onTag ? ref : null, text(body, "$.object_attributes.sha"), null,
                        text(body, "$.object_attributes.status"), text(body, "$.user.username"),
                        text(body, "$.object_attributes.url"), null));
            }
            case "Release Hook":
                return Result.of(new NormalizedEvent("gitlab", "release", repository, null, null,
                        text(body, "$.tag"), text(body, "$.commit.id"), null, text(body, "$.action"), null,
                        text(body, "$.url"), null));
            case "Merge Request Hook": {
                // As GitHub's pull requests: branch is the target, status the action (merged once merged).
                String action = text(body, "$.object_attributes.action");
                boolean merged = "merge".equals(action);
                return Result.of(new NormalizedEvent("gitlab", "merge_request", repository, null,
                        text(body, "$.object_attributes.target_branch"), null, merged
                                && text(body, "$.object_attributes.merge_commit_sha") != null
                                ? text(body, "$.object_attributes.merge_commit_sha")
                                : text(body, "$.object_attributes.last_commit.id"),
                        null, merged ? "merged" : action, text(body, "$.user.username"),
                        text(body, "$.object_attributes.url"), null));
            }
            default:
                return Result.ignored("GitLab's '" + event + "' is not one Herald normalizes"
                        + " (Push Hook, Tag Push Hook, Pipeline Hook, Release Hook, Merge Request Hook)");
        }
    }
}
