package dev.herald.inbound.control;

import static dev.herald.inbound.control.JsonPath.text;

import jakarta.json.JsonObject;

/**
 * A CI system's "pipeline completed" call, in the shape Herald documents: {@code pipeline},
 * {@code status} (success, failure, cancelled), {@code repository}, and where known
 * {@code branch}, {@code tag}, {@code commit}, {@code digest}, {@code url}, {@code triggered_by}.
 */
public class CiPipelineNormalizer implements Normalizer {

    @Override
    public String eventName(InboundCall call, JsonObject body) {
        return "pipeline." + text(body, "$.status");
    }

    @Override
    public Result normalize(InboundCall call, JsonObject body) {
        if (text(body, "$.pipeline") == null || text(body, "$.status") == null) {
            return Result.ignored("A CI pipeline call needs 'pipeline' and 'status'");
        }
        return Result.of(NormalizedEvent.of("ci", "pipeline", text(body, "$.repository"))
                .branch(text(body, "$.branch"))
                .tag(text(body, "$.tag"))
                .commit(text(body, "$.commit"))
                .digest(text(body, "$.digest"))
                .status(text(body, "$.status"))
                .actor(text(body, "$.triggered_by"))
                .url(text(body, "$.url"))
                .build());
    }
}
