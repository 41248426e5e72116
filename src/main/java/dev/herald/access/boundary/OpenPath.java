package dev.herald.access.boundary;

/**
 * A path under the API whose calls bring a credential of their own instead of a bearer token
 * (an inbound sender's signature, an endpoint owner's one-time link). The feature that owns
 * such a path provides a bean of this type, so authentication names no feature's paths.
 */
public interface OpenPath {

    /** The first segment after /api/v1/, such as {@code inbound}; everything below it is open. */
    String segment();
}
