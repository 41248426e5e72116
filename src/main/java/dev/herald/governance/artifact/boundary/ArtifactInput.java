package dev.herald.governance.artifact.boundary;

import dev.herald.governance.artifact.control.Artifacts.ArtifactSpec;
import dev.herald.platform.json.JsonFields;
import java.util.regex.Pattern;

/** Reads what a client says of an artifact, in POST /artifacts and in a new release's {@code artifacts}. */
public final class ArtifactInput {

    /** An OCI content digest: algorithm, colon, hex of at least 128 bits (sha256:3f5a…). */
    private static final Pattern DIGEST = Pattern.compile("[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-fA-F0-9]{32,128}");

    private static final int MAX_NAME = 300;
    private static final int MAX_DIGEST = 200;
    private static final int MAX_LABEL = 50;

    private ArtifactInput() {}

    public static ArtifactSpec read(JsonFields fields) {
        String name = fields.text("name", MAX_NAME, "the artifact's name, e.g. registry.example.com/app:1.4.0");
        String digest = fields.text("digest", MAX_DIGEST, "its content digest, e.g. sha256:<64 hex digits>");
        if (digest != null && !DIGEST.matcher(digest).matches()) {
            fields.errors().add(fields.name("digest"), "must be a content digest such as sha256:<64 hex digits>");
        }
        String platform = fields.optionalText("platform", MAX_LABEL);
        String arch = fields.optionalText("arch", MAX_LABEL);
        return new ArtifactSpec(name, digest, platform, arch);
    }
}
