package dev.herald.console;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;

/**
 * Keeps single sign-on off unless it is configured: the OpenID mechanism exists only when
 * its annotated class is a bean, so without a provider the class is vetoed before the
 * container looks for mechanisms. Its decorator goes with it: the container takes any bean of
 * the mechanism's type, a decorator's included, as a sign that there is a mechanism, and
 * without one answered every request with an error.
 */
public class SingleSignOnSwitch implements Extension {

    void offUnlessConfigured(@Observes ProcessAnnotatedType<SingleSignOnMechanism> type) {
        vetoUnlessConfigured(type);
    }

    void decoratorOffUnlessConfigured(@Observes ProcessAnnotatedType<SingleSignOnPathOnly> type) {
        vetoUnlessConfigured(type);
    }

    private static void vetoUnlessConfigured(ProcessAnnotatedType<?> type) {
        if (!ConsoleSettings.configured()) {
            type.veto();
        }
    }
}
