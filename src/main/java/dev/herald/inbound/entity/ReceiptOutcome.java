package dev.herald.inbound.entity;

import dev.herald.platform.WireEnums;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Locale;

/** What became of a sender's call: {@code processing} until the work after the answer is done, then one of the rest. */
public enum ReceiptOutcome {
    PROCESSING,
    PROCESSED,
    IGNORED,
    DUPLICATE,
    FAILED;

    /** As the API and the metrics write it, and as the column stores it: lower case. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Stores the wire name, as the column held before the outcomes were an enum. */
    @Converter
    public static class Column implements AttributeConverter<ReceiptOutcome, String> {

        @Override
        public String convertToDatabaseColumn(ReceiptOutcome outcome) {
            return outcome == null ? null : outcome.wireName();
        }

        @Override
        public ReceiptOutcome convertToEntityAttribute(String stored) {
            return stored == null
                    ? null
                    : WireEnums.ofWireName(ReceiptOutcome.class, stored)
                            .orElseThrow(() ->
                                    new IllegalStateException("Unknown receipt outcome in the database: " + stored));
        }
    }
}
