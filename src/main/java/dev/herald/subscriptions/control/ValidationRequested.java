package dev.herald.subscriptions.control;

/**
 * A subscription's endpoint must confirm it wants deliveries; the handshake is sent once the
 * transaction that asked for it commits.
 *
 * @param tenantId    whose subscription it is: its handshakes take their turn among its own
 * @param callbackUrl the one-time link that confirms it by hand
 * @param origin      how Herald names itself in {@code WebHook-Request-Origin}
 * @param method      how deliveries will be sent (POST or PUT): an {@code Allow} in the answer must permit it
 */
public record ValidationRequested(
        String subscriptionId, String tenantId, String url, String callbackUrl, String origin, String method) {}
