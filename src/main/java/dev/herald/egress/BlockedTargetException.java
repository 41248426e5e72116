package dev.herald.egress;

import java.net.UnknownHostException;

/**
 * The target's host resolves to an address Herald does not call. An {@link UnknownHostException}
 * because that is what a resolver may throw; callers catch this one first.
 */
public class BlockedTargetException extends UnknownHostException {

    private static final long serialVersionUID = 1L;

    public BlockedTargetException(String message) {
        super(message);
    }
}
