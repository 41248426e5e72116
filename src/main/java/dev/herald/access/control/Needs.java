package dev.herald.access.control;

import dev.herald.access.entity.Scope;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The scope a resource's calls need. On a resource class it names the class's area: its
 * changes need that scope, its reads (GET) need {@link Scope#READ} or that scope. On a method
 * it is exact: that scope or {@code admin}, whatever the HTTP method (a secret is read with
 * {@code subscribe}, never with {@code read}). A resource with neither needs {@code admin}:
 * a forgotten annotation must close a door, not open it.
 */
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Needs {
    Scope value();
}
