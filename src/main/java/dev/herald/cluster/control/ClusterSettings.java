package dev.herald.cluster.control;

import dev.herald.platform.logging.LogIds;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who this instance is among those sharing one database, and how often it says it is alive.
 * Checked at deployment: a bad value stops Herald with a message naming the setting.
 */
@ApplicationScoped
public class ClusterSettings {

    /** What an instance id may look like: it appears in logs, metrics tags and the attempt log. */
    private static final String ID_PATTERN = "[A-Za-z0-9][A-Za-z0-9._:-]{0,99}";

    @Inject
    @ConfigProperty(name = "herald.instance.id")
    Optional<String> configuredId;

    @Inject
    @ConfigProperty(name = "herald.instance.heartbeat", defaultValue = "PT5S")
    Duration heartbeat;

    private String instanceId;
    private String host;

    @PostConstruct
    void check() {
        host = hostName();
        instanceId = configuredId
                .map(String::trim)
                .filter(id -> !id.isEmpty())
                .orElse(host + "-" + ProcessHandle.current().pid());
        if (!instanceId.matches(ID_PATTERN)) {
            throw new IllegalStateException("herald.instance.id must be 1 to 100 letters, digits and . _ : -"
                    + " (starting with a letter or digit), not '" + instanceId + "'");
        }
        LogIds.thisInstance(instanceId);
        if (heartbeat.compareTo(Duration.ofMillis(100)) < 0 || heartbeat.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalStateException("herald.instance.heartbeat must be from PT0.1S to PT1M, not " + heartbeat);
        }
    }

    /** This instance's id: {@code herald.instance.id}, else the host name and the process id. */
    public String instanceId() {
        return instanceId;
    }

    public String host() {
        return host;
    }

    public Duration heartbeat() {
        return heartbeat;
    }

    /**
     * An instance not heard from for this long is taken to be gone: five missed heartbeats,
     * since a timer on a busy machine fires late, and counting a gone instance a little longer
     * only leaves the others a smaller part of the caps for that while.
     */
    public Duration silenceMeansGone() {
        return heartbeat.multipliedBy(5);
    }

    private static String hostName() {
        String fromEnvironment = System.getenv("HOSTNAME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment.trim();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
