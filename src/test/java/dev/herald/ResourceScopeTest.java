package dev.herald;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.NormalScope;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * JAX-RS resources are made once (docs/architecture.md, Packages): each is application-scoped,
 * keeps no JAX-RS request value in a field, and injects only what is safe to keep across requests
 * (a normal-scoped bean's proxy, or an interface whose implementations are).
 */
class ResourceScopeTest {

    @Test
    void everyResourceIsMadeOnceAndHoldsNothingOfOneRequest() throws Exception {
        List<Class<?>> classes = classes();
        List<Class<?>> resources =
                classes.stream().filter(c -> c.isAnnotationPresent(Path.class)).toList();
        Set<Class<?>> produced = normalScopedProducts(classes);
        assertTrue(resources.size() >= 15, "resources found: " + resources);
        List<String> wrong = new ArrayList<>();
        for (Class<?> resource : resources) {
            if (!resource.isAnnotationPresent(ApplicationScoped.class)) {
                wrong.add(resource.getSimpleName() + " is not @ApplicationScoped");
            }
            for (Field field : resource.getDeclaredFields()) {
                if (field.isAnnotationPresent(Context.class)) {
                    wrong.add(resource.getSimpleName() + "." + field.getName() + " is a @Context field");
                }
                Class<?> type = field.getType();
                if (field.isAnnotationPresent(Inject.class)
                        && type.getName().startsWith("dev.herald.")
                        && !type.isInterface()
                        && !isNormalScoped(type.getAnnotations())
                        && !produced.contains(type)) {
                    wrong.add(resource.getSimpleName() + "." + field.getName() + " injects a bean made for it alone");
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    private static boolean isNormalScoped(Annotation[] annotations) {
        return Arrays.stream(annotations).anyMatch(a -> a.annotationType().isAnnotationPresent(NormalScope.class));
    }

    /** The types a producer method makes in a normal scope: what is injected of them is a proxy too. */
    private static Set<Class<?>> normalScopedProducts(List<Class<?>> classes) {
        Set<Class<?>> produced = new HashSet<>();
        for (Class<?> type : classes) {
            for (Method method : type.getDeclaredMethods()) {
                if (method.isAnnotationPresent(Produces.class) && isNormalScoped(method.getAnnotations())) {
                    produced.add(method.getReturnType());
                }
            }
        }
        return produced;
    }

    private static List<Class<?>> classes() throws IOException, ClassNotFoundException {
        java.nio.file.Path sources = java.nio.file.Path.of("src/main/java");
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<java.nio.file.Path> files = java.nio.file.Files.walk(sources)) {
            for (java.nio.file.Path file :
                    files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String name =
                        sources.relativize(file).toString().replace('/', '.').replaceAll("\\.java$", "");
                classes.add(Class.forName(name, false, ResourceScopeTest.class.getClassLoader()));
            }
        }
        return classes;
    }
}
