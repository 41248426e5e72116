package dev.herald.platform.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LogIdsTest {

    private final Logger logger = Logger.getLogger("dev.herald.test.LogIdsTest");
    private final List<LogRecord> records = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    LogIdsTest() {
        logger.setUseParentHandlers(false);
        logger.addHandler(capture);
    }

    @AfterEach
    void forgetTheInstance() {
        logger.removeHandler(capture);
        LogIds.thisInstance(null);
    }

    @Test
    void aLineCarriesItsIdsAndTheInstanceAsOneMapParameterBesideItsText() {
        LogIds.thisInstance("node-1");
        RuntimeException thrown = new RuntimeException("boom");
        LogIds.tenant("ten_1")
                .andEvent("evt_1")
                .andDelivery(null)
                .andSubscription("wh_1")
                .log(logger, Level.WARNING, "Delivery of evt_1 can't go on", thrown);

        LogRecord record = records.get(0);
        assertEquals("Delivery of evt_1 can't go on", record.getMessage(), "plain text, no placeholders");
        assertEquals(Level.WARNING, record.getLevel());
        assertSame(thrown, record.getThrown());
        assertEquals("dev.herald.test.LogIdsTest", record.getSourceClassName());
        assertEquals(
                List.of(Map.of(
                        "tenantId", "ten_1", "eventId", "evt_1", "subscriptionId", "wh_1", "instanceId", "node-1")),
                List.of(record.getParameters()));
        assertEquals(
                List.of("tenantId", "eventId", "subscriptionId", "instanceId"),
                List.copyOf(((Map<?, ?>) record.getParameters()[0]).keySet()),
                "a missing id is left out");
    }

    @Test
    void beforeTheInstanceIsKnownALineHasNoInstanceField() {
        LogIds.receipt("rcp_1").log(logger, Level.INFO, "Processing receipt rcp_1 failed");
        assertEquals(Map.of("receiptId", "rcp_1"), records.get(0).getParameters()[0]);
    }

    @Test
    void aLevelTheLoggerDropsBuildsNoRecord() {
        logger.setLevel(Level.INFO);
        LogIds.none().log(logger, Level.FINE, "not wanted");
        assertTrue(records.isEmpty());
    }
}
