package dev.herald.inbound.control;

/** A receipt whose processing is to start once its transaction has committed. */
public record ReceiptAccepted(String receiptId, String tenantId) {}
