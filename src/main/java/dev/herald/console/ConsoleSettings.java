package dev.herald.console;

import dev.herald.platform.SettingChecks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.time.Duration;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The console's settings: how long an idle session lasts ({@code herald.console.idle-timeout}),
 * how many a tenant may have ({@code herald.console.sessions-per-tenant}), and single sign-on
 * with OpenID Connect ({@code herald.console.oidc.*}), off until a provider is named. The
 * OpenID mechanism's annotation reads these through EL
 * ({@code ${consoleSettings.clientId}}), so they are read from MicroProfile Config when asked,
 * and the client secret is in no source file.
 */
@Named("consoleSettings")
@ApplicationScoped
public class ConsoleSettings {

    /** What the audit trail records as the "token" of a console action signed in by single sign-on. */
    public static final String TOKEN_ID = "sso";

    static final String PROVIDER_URI = "herald.console.oidc.provider-uri";

    private static final String SESSIONS_PER_TENANT = "herald.console.sessions-per-tenant";

    private final Config config = ConfigProvider.getConfig();
    private volatile GroupGrants grants;

    /**
     * Read before any bean exists (the switch that vetoes the mechanism asks it), so it reads
     * the configuration directly rather than through injection.
     */
    static boolean configured() {
        return ConfigProvider.getConfig()
                .getOptionalValue(PROVIDER_URI, String.class)
                .filter(uri -> !uri.isBlank())
                .isPresent();
    }

    /** Whether single sign-on is on (a provider is named). */
    public boolean isSingleSignOnEnabled() {
        return configured();
    }

    /** How long a console session may sit idle before its person signs in again. */
    Duration idleTimeout() {
        return SettingChecks.positive(
                "herald.console.idle-timeout",
                config.getOptionalValue("herald.console.idle-timeout", Duration.class)
                        .orElse(Duration.ofMinutes(30)));
    }

    /**
     * How many console sessions may be signed in to one tenant on an instance at once; one more
     * ends the tenant's session that began longest ago ({@link ConsoleSessions}).
     */
    int sessionsPerTenant() {
        int most = config.getOptionalValue(SESSIONS_PER_TENANT, Integer.class).orElse(32);
        if (most < 1) {
            throw new IllegalStateException(SESSIONS_PER_TENANT + " must be at least 1, not " + most);
        }
        return most;
    }

    public String getProviderUri() {
        return config.getValue(PROVIDER_URI, String.class);
    }

    public String getClientId() {
        return config.getValue("herald.console.oidc.client-id", String.class);
    }

    public String getClientSecret() {
        return config.getOptionalValue("herald.console.oidc.client-secret", String.class)
                .orElse("");
    }

    /**
     * Where the provider sends the browser back. By default the address the browser used to
     * reach Herald ({@code ${baseURL}}, filled in by the mechanism); behind a proxy that
     * rewrites it, name it ({@code https://herald.example.com/console/sso}).
     */
    public String getRedirectUri() {
        return config.getOptionalValue("herald.console.oidc.redirect-uri", String.class)
                .orElse("${baseURL}/console/sso");
    }

    /** The ID-token (or user-info) claim listing the person's groups (default in microprofile-config.properties). */
    public String getGroupsClaim() {
        return config.getValue("herald.console.oidc.groups-claim", String.class);
    }

    /** The claim that names the person; it becomes the actor of what they do. */
    public String getActorClaim() {
        return config.getValue("herald.console.oidc.actor-claim", String.class);
    }

    /** The mapping of groups to a tenant and scopes, read once: it is fixed while Herald runs. */
    GroupGrants grants() {
        if (grants == null) {
            grants = GroupGrants.parse(config.getOptionalValue("herald.console.oidc.groups", String.class)
                    .orElse(""));
        }
        return grants;
    }

    /**
     * How long a console session begun by single sign-on lasts at most, idle or not: removing
     * someone from a group at the provider reaches Herald at their next sign-in.
     */
    Duration maxSession() {
        return config.getValue("herald.console.oidc.max-session", Duration.class);
    }
}
