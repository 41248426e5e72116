package dev.herald.events.control;

import dev.herald.platform.ReadRoom;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * The history as JSON Lines, oldest first, each event with its sequence, prevHash and hash,
 * for an auditor to verify offline (docs/audit.md). Written batch by batch, each read in its
 * own short transaction, so a long export holds no transaction open while the client reads.
 */
@ApplicationScoped
public class HistoryExport {

    @Inject
    HistoryAudit audit;

    /**
     * Writes the events recorded in [since, until) of the tenant, read in batches of at most
     * {@code batchChars} of data ({@link ReadRoom#takeForBatches}); null bounds do not restrict.
     */
    public void write(String tenantId, Instant since, Instant until, long batchChars, OutputStream output)
            throws IOException {
        var stretch = audit.stretch(tenantId, since, until);
        if (stretch.isEmpty()) {
            return;
        }
        long after = stretch.get().first() - 1;
        List<JsonObject> batch;
        while (!(batch = audit.lines(tenantId, after, stretch.get().last(), batchChars)).isEmpty()) {
            for (JsonObject line : batch) {
                output.write(line.toString().getBytes(StandardCharsets.UTF_8));
                output.write('\n');
            }
            after = batch.get(batch.size() - 1).getJsonNumber("sequence").longValue();
        }
    }
}
