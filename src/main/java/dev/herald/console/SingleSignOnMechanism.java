package dev.herald.console;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.OpenIdAuthenticationMechanismDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.openid.ClaimsDefinition;

/**
 * Turns on Jakarta Security's OpenID Connect mechanism for the console's single sign-on. The
 * mechanism only acts on the one path under a security constraint, {@code /console/sso}
 * (see {@link SingleSignOnEntry}): every other request, the API's included, passes through
 * it untouched ({@link SingleSignOnPathOnly} does not let the container ask it about them). The
 * state and nonce travel in cookies rather than the session, because the session cookie is
 * {@code SameSite=Strict} and a browser coming back from the provider's site does not send it.
 * Those cookies are {@code Secure} (the mechanism's choice), so single sign-on needs Herald
 * reached over https, or as localhost.
 *
 * <p>Without {@code herald.console.oidc.provider-uri} the class is vetoed
 * ({@link SingleSignOnSwitch}) and there is no mechanism at all.
 */
@ApplicationScoped
@OpenIdAuthenticationMechanismDefinition(
        providerURI = "${consoleSettings.providerUri}",
        clientId = "${consoleSettings.clientId}",
        clientSecret = "${consoleSettings.clientSecret}",
        redirectURI = "${consoleSettings.redirectUri}",
        scope = {"openid", "profile", "email"},
        useSession = false,
        claimsDefinition =
                @ClaimsDefinition(
                        callerNameClaim = "${consoleSettings.actorClaim}",
                        callerGroupsClaim = "${consoleSettings.groupsClaim}"))
public class SingleSignOnMechanism {}
