package dev.herald.platform;

/** Names shared by everything that talks to Herald's database. */
public final class HeraldDatabase {

    /** The JTA data source defined by {@link SchemaMigrations}. */
    public static final String JNDI_NAME = "java:app/jdbc/herald";

    private HeraldDatabase() {}

    /** Whether the URL names the embedded database (H2), where a statement must differ from PostgreSQL's. */
    public static boolean isEmbedded(String url) {
        return url.startsWith("jdbc:h2:");
    }
}
