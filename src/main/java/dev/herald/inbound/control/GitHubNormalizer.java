package dev.herald.inbound.control;

import static dev.herald.inbound.control.JsonPath.text;

import jakarta.json.JsonObject;

/** GitHub's push, release, workflow_run, pull_request and ping events (the X-GitHub-Event header names them). */
public class GitHubNormalizer implements Normalizer {

    private static final String NO_COMMIT = "0000000000000000000000000000000000000000";

    @Override
    public String eventName(InboundCall call, JsonObject body) {
        return call.header("X-GitHub-Event");
    }

    @Override
    public Result normalize(InboundCall call, JsonObject body) {
        String event = eventName(call, body);
        String repository = text(body, "$.repository.full_name");
        String actor = text(body, "$.sender.login");
        if (event == null) {
            return Result.ignored("No X-GitHub-Event header: not a GitHub webhook");
        }
        switch (event) {
            case "ping":
                return Result.ignored("GitHub's ping: the webhook reaches Herald and is verified");
            case "push": {
                if (NO_COMMIT.equals(text(body, "$.after"))) {
                    return Result.ignored("A branch or tag was deleted; nothing was pushed");
                }
                String ref = text(body, "$.ref");
                String[] branchAndTag = NormalizedEvent.branchAndTag(ref);
                return Result.of(new NormalizedEvent("github", branchAndTag[1] != null ? "tag" : "push", repository,
                        ref, branchAndTag[0], branchAndTag[1], text(body, "$.after"), null, null,
                        text(body, "$.pusher.name"), text(body, "$.compare"), null));
            }
            case "release":
                return Result.of(new NormalizedEvent("github", "release", repository, null,
                        text(body, "$.release.target_commitish"), text(body, "$.release.tag_name"), null, null,
                        text(body, "$.action"), actor, text(body, "$.release.html_url"), null));
            case "workflow_run":
                String conclusion = text(body, "$.workflow_run.conclusion");
                return Result.of(new NormalizedEvent("github", "workflow_run", repository, null,
                        text(body, "$.workflow_run.head_branch"), null, text(body, "$.workflow_run.head_sha"), null,
                        conclusion != null ? conclusion : text(body, "$.action"), actor,
                        text(body, "$.workflow_run.html_url"), null));
            case "pull_request": {
                // branch: where it merges into; status: the action, or merged once it is.
                boolean merged = "closed".equals(text(body, "$.action"))
                        && "true".equals(text(body, "$.pull_request.merged"));
                return Result.of(new NormalizedEvent("github", "pull_request", repository, null,
                        text(body, "$.pull_request.base.ref"), null, merged
                                ? text(body, "$.pull_request.merge_commit_sha") : text(body, "$.pull_request.head.sha"),
                        null, merged ? "merged" : text(body, "$.action"), actor,
                        text(body, "$.pull_request.html_url"), null));
            }
            default:
                return Result.ignored("GitHub's '" + event + "' event is not one Herald normalizes"
                        + " (push, release, workflow_run, pull_request, ping)");
        }
    }
}
