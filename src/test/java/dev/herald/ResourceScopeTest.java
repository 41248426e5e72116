package dev.herald;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.NormalScope;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import java.io.IOException;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
        List<Class<?>> resources = resources();
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
                        && Arrays.stream(type.getAnnotations())
                                .noneMatch(a -> a.annotationType().isAnnotationPresent(NormalScope.class))) {
                    wrong.add(resource.getSimpleName() + "." + field.getName() + " injects a bean made for it alone");
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    private static List<Class<?>> resources() throws IOException, ClassNotFoundException {
        java.nio.file.Path sources = java.nio.file.Path.of("src/main/java");
        List<Class<?>> resources = new ArrayList<>();
        try (Stream<java.nio.file.Path> files = java.nio.file.Files.walk(sources)) {
            for (java.nio.file.Path file :
                    files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String name =
                        sources.relativize(file).toString().replace('/', '.').replaceAll("\\.java$", "");
                Class<?> type = Class.forName(name, false, ResourceScopeTest.class.getClassLoader());
                if (type.isAnnotationPresent(Path.class)) {
                    resources.add(type);
                }
            }
        }
        return resources;
    }
}
