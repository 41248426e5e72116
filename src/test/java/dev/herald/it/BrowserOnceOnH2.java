package dev.herald.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * A console specification that runs in the H2 run of the suite only. Its pages read and write
 * through the same services the API's specifications cover on both databases, so a second run
 * in the browser would test Chromium again, not PostgreSQL; the console's own queries (the
 * overview's, the subscription list's newest deliveries) are in {@code ConsoleWorkSpec}, which
 * runs on both. It keeps the suite within its time (each browser specification costs 15 to 50 s).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@EnabledIfEnvironmentVariable(
        named = "HERALD_DB_URL",
        matches = "jdbc:h2:.*",
        disabledReason = "browser specification whose data is the API's: run once, on H2")
public @interface BrowserOnceOnH2 {}
