package dev.herald.inbound.entity;

import java.util.Locale;

/** The kinds of sender an integration receives from; each has its verifier and normalizer. */
public enum IntegrationType {
    REGISTRY_PUSH,
    CI_PIPELINE,
    GITHUB,
    GITLAB,
    GENERIC;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static IntegrationType ofWireName(String name) {
        for (IntegrationType type : values()) {
            if (type.wireName().equals(name)) {
                return type;
            }
        }
        return null;
    }
}
