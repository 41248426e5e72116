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
                GitRef ref = GitRef.parse(text(body, "$.ref"));
                return Result.of(NormalizedEvent.of("github", ref.isTag() ? "tag" : "push", repository)
                        .gitRef(ref)
                        .commit(text(body, "$.after"))
                        .actor(text(body, "$.pusher.name"))
                        .url(text(body, "$.compare"))
                        .build());
            }
            case "release":
                return Result.of(NormalizedEvent.of("github", "release", repository)
                        .branch(text(body, "$.release.target_commitish"))
                        .tag(text(body, "$.release.tag_name"))
                        .status(text(body, "$.action"))
                        .actor(actor)
                        .url(text(body, "$.release.html_url"))
                        .build());
            case "workflow_run":
                String conclusion = text(body, "$.workflow_run.conclusion");
                return Result.of(NormalizedEvent.of("github", "workflow_run", repository)
                        .branch(text(body, "$.workflow_run.head_branch"))
                        .commit(text(body, "$.workflow_run.head_sha"))
                        .status(conclusion != null ? conclusion : text(body, "$.action"))
                        .actor(actor)
                        .url(text(body, "$.workflow_run.html_url"))
                        .build());
            case "pull_request": {
                // branch: where it merges into; status: the action, or merged once it is.
                boolean merged =
                        "closed".equals(text(body, "$.action")) && "true".equals(text(body, "$.pull_request.merged"));
                return Result.of(NormalizedEvent.of("github", "pull_request", repository)
                        .branch(text(body, "$.pull_request.base.ref"))
                        .commit(text(body, merged ? "$.pull_request.merge_commit_sha" : "$.pull_request.head.sha"))
                        .status(merged ? "merged" : text(body, "$.action"))
                        .actor(actor)
                        .url(text(body, "$.pull_request.html_url"))
                        .build());
            }
            default:
                return Result.ignored("GitHub's '" + event + "' event is not one Herald normalizes"
                        + " (push, release, workflow_run, pull_request, ping)");
        }
    }
}
