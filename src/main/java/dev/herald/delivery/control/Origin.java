package dev.herald.delivery.control;

import java.net.URI;

/** The origin of a URL (RFC 6454): scheme, host and port, the unit a receiver is known by. */
record Origin(String scheme, String host, int port) {

    static Origin of(URI uri) {
        String scheme = uri.getScheme().toLowerCase();
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(scheme) ? 443 : 80;
        return new Origin(scheme, String.valueOf(uri.getHost()).toLowerCase(), port);
    }

    static Origin of(String url) {
        return of(URI.create(url));
    }
}
