package dev.herald.platform.logging;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The ids a log line is about, carried beside its text. Payara's JSON log format
 * ({@code JSONLogFormatter}, docs/operations.md "Logs") turns a map among a record's
 * parameters into fields of the line ({@code "tenantId":"ten_…"}); the text formats ignore it,
 * so the text keeps naming the ids too. Every line logged through here also names this
 * instance.
 */
public final class LogIds {

    /**
     * This instance's id, set once at start by the cluster settings. Static because lines are
     * logged from places CDI does not reach (worker threads, static helpers); until it is set
     * a line simply has no instance field.
     */
    private static volatile String instanceId;

    private final Map<String, String> fields = new LinkedHashMap<>();

    private LogIds() {}

    public static void thisInstance(String id) {
        instanceId = id;
    }

    /** A line about this instance only. */
    public static LogIds none() {
        return new LogIds();
    }

    public static LogIds tenant(String tenantId) {
        return none().with("tenantId", tenantId);
    }

    public static LogIds delivery(String deliveryId) {
        return none().with("deliveryId", deliveryId);
    }

    public static LogIds receipt(String receiptId) {
        return none().with("receiptId", receiptId);
    }

    public LogIds andTenant(String tenantId) {
        return with("tenantId", tenantId);
    }

    public LogIds andEvent(String eventId) {
        return with("eventId", eventId);
    }

    public LogIds andDelivery(String deliveryId) {
        return with("deliveryId", deliveryId);
    }

    public LogIds andSubscription(String subscriptionId) {
        return with("subscriptionId", subscriptionId);
    }

    /** Logs {@code message} (plain text, no {0} placeholders) with these ids as fields. */
    public void log(Logger logger, Level level, String message) {
        log(logger, level, message, null);
    }

    public void log(Logger logger, Level level, String message, Throwable thrown) {
        if (!logger.isLoggable(level)) {
            return;
        }
        LogRecord record = new LogRecord(level, message);
        record.setLoggerName(logger.getName());
        // Named here, or JUL would walk the stack and name this class as the source.
        record.setSourceClassName(logger.getName());
        record.setThrown(thrown);
        record.setParameters(new Object[] {fields()});
        logger.log(record);
    }

    Map<String, String> fields() {
        Map<String, String> all = new LinkedHashMap<>(fields);
        if (instanceId != null) {
            all.put("instanceId", instanceId);
        }
        return all;
    }

    private LogIds with(String name, String id) {
        if (id != null) {
            fields.put(name, id);
        }
        return this;
    }
}
