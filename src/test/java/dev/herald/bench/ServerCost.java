package dev.herald.bench;

import dev.herald.it.HeraldProcess;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Herald's process has spent so far: its CPU time (every thread, user and system), the
 * local PostgreSQL server's beside it, the benchmark's own (its clients, its sink, its JIT), and the commits of its two group-commit lanes from its
 * /metrics, each a count of batches and a sum of the items they held (published events, logged
 * attempts). The difference of two readings, per event, is the cost of a load. On a shared
 * machine it is steadier than events per second: a neighbour's load slows Herald down but does
 * not add to the CPU Herald uses.
 */
record ServerCost(
        Duration cpu,
        Duration postgresCpu,
        Duration loadCpu,
        double eventBatches,
        double events,
        double attemptBatches,
        double attempts) {

    private static final Pattern LINE =
            Pattern.compile("^(event|attempt)_batch_size_(count|sum)(\\{[^}]*})? (\\S+)$", Pattern.MULTILINE);

    static ServerCost read(HttpClient client, HeraldProcess server) throws Exception {
        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(server.base().resolve("metrics")).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET /metrics answered " + response.statusCode());
        }
        double[] values = new double[4];
        Matcher matcher = LINE.matcher(response.body());
        while (matcher.find()) {
            int index = (matcher.group(1).equals("event") ? 0 : 2)
                    + (matcher.group(2).equals("count") ? 0 : 1);
            values[index] = Double.parseDouble(matcher.group(4));
        }
        return new ServerCost(
                server.cpuTime(),
                readPostgresCpu(),
                ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO),
                values[0],
                values[1],
                values[2],
                values[3]);
    }

    /**
     * The CPU time of the PostgreSQL server's processes on this machine (zero without any): its
     * backends parse, plan and run Herald's statements on the same cores. Backends that end
     * between two readings take theirs with them; the pool's connections live through a load.
     */
    private static Duration readPostgresCpu() {
        return ProcessHandle.allProcesses()
                .map(ProcessHandle::info)
                .filter(info -> info.command()
                        .filter(command -> command.endsWith("/postgres"))
                        .isPresent())
                .map(info -> info.totalCpuDuration().orElse(Duration.ZERO))
                .reduce(Duration.ZERO, Duration::plus);
    }

    /** What {@code events} events cost since {@code before}, as a line of the benchmark's report. */
    String since(ServerCost before, int events) {
        double eventCommits = eventBatches - before.eventBatches;
        double attemptCommits = attemptBatches - before.attemptBatches;
        Duration postgres = postgresCpu.minus(before.postgresCpu);
        return String.format(
                "  server: %.2f ms of CPU an event%s (the benchmark's own process, clients and sink: %.2f ms);"
                        + " commits: %.0f of published events (%.1f a commit), %.0f of attempts (%.1f a commit)",
                cpu.minus(before.cpu).toNanos() / 1e6 / events,
                postgres.isZero()
                        ? ""
                        : String.format(" (PostgreSQL's processes: %.2f ms)", postgres.toNanos() / 1e6 / events),
                loadCpu.minus(before.loadCpu).toNanos() / 1e6 / events,
                eventCommits,
                eventCommits == 0 ? 0 : (this.events - before.events) / eventCommits,
                attemptCommits,
                attemptCommits == 0 ? 0 : (attempts - before.attempts) / attemptCommits);
    }
}
