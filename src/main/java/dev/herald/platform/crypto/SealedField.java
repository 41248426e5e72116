package dev.herald.platform.crypto;

/**
 * Every column that holds a sealed value. A value is bound to its row and purpose, not its
 * column: a rotated secret moves from {@code secret_sealed} to {@code previous_secret_sealed}
 * (and on to {@code earlier_secret_sealed}) and still opens.
 */
public enum SealedField {
    SUBSCRIPTION_SECRET("subscriptions", "secret_sealed", "secret"),
    SUBSCRIPTION_PREVIOUS_SECRET("subscriptions", "previous_secret_sealed", "secret"),
    SUBSCRIPTION_EARLIER_SECRET("subscriptions", "earlier_secret_sealed", "secret"),
    SUBSCRIPTION_HEADERS("subscriptions", "headers_sealed", "headers"),
    SUBSCRIPTION_CREDENTIALS("subscriptions", "credentials_sealed", "credentials"),
    INTEGRATION_SECRET("integrations", "secret_sealed", "secret"),
    INTEGRATION_TOKEN("integrations", "token_sealed", "token");

    final String table;
    final String column;
    private final String purpose;

    SealedField(String table, String column, String purpose) {
        this.table = table;
        this.column = column;
        this.purpose = purpose;
    }

    /** The associated data a value of this field in row {@code id} is sealed with. */
    String binding(String id) {
        return table + "/" + id + "/" + purpose;
    }
}
