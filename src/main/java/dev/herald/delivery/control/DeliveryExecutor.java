package dev.herald.delivery.control;

/** The managed executor the delivery workers run on; defined by the dispatch pump. */
public final class DeliveryExecutor {

    public static final String JNDI_NAME = "java:app/concurrent/herald-delivery";

    private DeliveryExecutor() {}
}
