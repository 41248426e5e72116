package dev.herald.console;

/** The console's entry points, which the guard and single sign-on send browsers to. */
final class ConsolePaths {

    static final String SIGN_IN = "/console/sign-in.xhtml";
    static final String HOME = "/console/overview.xhtml";
    /** Where single sign-on starts and where the identity provider sends the browser back. */
    static final String SINGLE_SIGN_ON = "/console/sso";

    private ConsolePaths() {}
}
