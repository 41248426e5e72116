package dev.herald.console;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;

/**
 * Keeps single sign-on off unless it is configured: the OpenID mechanism exists only when
 * its annotated class is a bean, so without a provider the class is vetoed before the
 * container looks for mechanisms.
 */
public class SingleSignOnSwitch implements Extension {

    void offUnlessConfigured(@Observes ProcessAnnotatedType<SingleSignOnMechanism> type) {
        if (!ConsoleSettings.configured()) {
            type.veto();
        }
    }
}
