package dev.herald.inbound.control;

import static dev.herald.inbound.control.JsonPath.text;

import jakarta.json.JsonObject;
import java.util.Set;

/**
 * Image pushes from Docker Hub ({@code push_data} and {@code repository}) and Harbor
 * ({@code type: PUSH_ARTIFACT} with {@code event_data}); Harbor's other events are ignored.
 */
public class RegistryNormalizer implements Normalizer {

    private static final Set<String> HARBOR_PUSHES = Set.of("PUSH_ARTIFACT", "pushImage");

    @Override
    public String eventName(InboundCall call, JsonObject body) {
        if (body.containsKey("push_data")) {
            return "dockerhub.push";
        }
        String harborType = text(body, "$.type");
        return harborType == null ? null : "harbor." + harborType;
    }

    @Override
    public Result normalize(InboundCall call, JsonObject body) {
        if (body.containsKey("push_data")) {
            return Result.of(NormalizedEvent.of("dockerhub", "image_push", text(body, "$.repository.repo_name"))
                    .tag(text(body, "$.push_data.tag"))
                    .actor(text(body, "$.push_data.pusher"))
                    .url(text(body, "$.repository.repo_url"))
                    .build());
        }
        String harborType = text(body, "$.type");
        if (harborType == null) {
            return Result.ignored("Neither a Docker Hub push (push_data) nor a Harbor event (type)");
        }
        if (!HARBOR_PUSHES.contains(harborType)) {
            return Result.ignored("Harbor's " + harborType + " is not a push");
        }
        String repository = text(body, "$.event_data.repository.repo_full_name");
        return Result.of(NormalizedEvent.of("harbor", "image_push", repository)
                .tag(text(body, "$.event_data.resources[0].tag"))
                .digest(text(body, "$.event_data.resources[0].digest"))
                .actor(text(body, "$.operator"))
                .url(text(body, "$.event_data.resources[0].resource_url"))
                .build());
    }
}
