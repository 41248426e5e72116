package dev.herald.inbound.control;

import dev.herald.inbound.entity.IntegrationType;

/** The normalizer of each integration type. */
final class Normalizers {

    private static final Normalizer GITHUB = new GitHubNormalizer();
    private static final Normalizer GITLAB = new GitLabNormalizer();
    private static final Normalizer REGISTRY = new RegistryNormalizer();
    private static final Normalizer CI = new CiPipelineNormalizer();
    private static final Normalizer GENERIC = new GenericNormalizer();

    private Normalizers() {}

    static Normalizer of(IntegrationType type) {
        return switch (type) {
            case GITHUB -> GITHUB;
            case GITLAB -> GITLAB;
            case REGISTRY_PUSH -> REGISTRY;
            case CI_PIPELINE -> CI;
            case GENERIC -> GENERIC;
        };
    }
}
