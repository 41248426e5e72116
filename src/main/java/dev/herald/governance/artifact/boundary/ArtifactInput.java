package dev.herald.governance.artifact.boundary;

import dev.herald.governance.artifact.control.Artifacts.ArtifactSpec;
import dev.herald.platform.json.JsonFields;

/** Reads what a client says of an artifact, in POST /artifacts and in a new release's {@code artifacts}. */
public final class ArtifactInput {

    private static final int MAX_NAME = 300;
    private static final int MAX_DIGEST = 200;
    private static final int MAX_LABEL = 50;

    private ArtifactInput() {}

    public static ArtifactSpec read(JsonFields fields) {
        String name = fields.text("name", MAX_NAME, "the artifact's name, e.g. registry.example.com/app:1.4.0");
        String digest = fields.text("digest", MAX_DIGEST, "its content digest, e.g. sha256:<64 hex digits>");
        if (digest != null && !ArtifactSpec.isContentDigest(digest)) {
            fields.errors().add(fields.name("digest"), "must be a content digest such as sha256:<64 hex digits>");
        }
        String platform = fields.optionalText("platform", MAX_LABEL);
        String arch = fields.optionalText("arch", MAX_LABEL);
        return new ArtifactSpec(name, digest, platform, arch);
    }
}
