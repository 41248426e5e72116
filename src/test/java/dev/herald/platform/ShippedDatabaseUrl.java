package dev.herald.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Properties;

/**
 * {@code herald.db.url} as Herald ships it (the embedded H2 file and its settings), with its
 * data folder set: for tests and the benchmark that open that database the way Herald does,
 * so that a setting added to the default is theirs too.
 */
public final class ShippedDatabaseUrl {

    private ShippedDatabaseUrl() {}

    public static String in(Path dataDir) {
        Properties settings = new Properties();
        try (InputStream in =
                ShippedDatabaseUrl.class.getResourceAsStream("/META-INF/microprofile-config.properties")) {
            settings.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return settings.getProperty("herald.db.url").replace("${herald.data-dir}", dataDir.toString());
    }
}
