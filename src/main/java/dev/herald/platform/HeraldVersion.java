package dev.herald.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version Herald announces (in {@code User-Agent}), filled in by the build. */
public final class HeraldVersion {

    private static final String VERSION = load();

    private HeraldVersion() {}

    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = HeraldVersion.class.getResourceAsStream("/dev/herald/version.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
