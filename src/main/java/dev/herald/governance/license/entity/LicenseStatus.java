package dev.herald.governance.license.entity;

/** A license lease is active until it is revoked or runs out. */
public enum LicenseStatus {
    ACTIVE,
    REVOKED,
    EXPIRED;

    public String wireName() {
        return name().toLowerCase();
    }
}
