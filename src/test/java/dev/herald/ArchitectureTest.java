package dev.herald;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What docs/architecture.md promises about the imports, checked on the sources: no two
 * classes and no two packages depend on each other, even through others, and inside a
 * feature nothing depends on a layer above it (entity, then control, then boundary). A
 * dependency is an import, a fully qualified name in the code, or a class of the same package
 * named in it; comments and string literals do not count.
 */
class ArchitectureTest {

    private static final Path SOURCES = Path.of("src/main/java");
    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern IMPORT = Pattern.compile("^import (dev\\.herald\\.[\\w.]+);", Pattern.MULTILINE);
    private static final Pattern QUALIFIED = Pattern.compile("\\bdev\\.herald\\.(?:[a-z]\\w*\\.)*[A-Z]\\w*");
    private static final Pattern COMMENTS_AND_STRINGS = Pattern.compile(
            "//[^\\n]*|/\\*.*?\\*/|\"\"\".*?\"\"\"|\"(?:\\\\.|[^\"\\\\])*\"|'(?:\\\\.|[^'\\\\])+'", Pattern.DOTALL);
    private static final List<String> LAYERS = List.of("entity", "control", "boundary");

    /** Every top-level class by its qualified name, with the classes it depends on. */
    private static Map<String, Set<String>> classes;

    @BeforeAll
    static void readSources() throws IOException {
        Map<String, String> code = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                Matcher pkg = PACKAGE.matcher(source);
                assertTrue(pkg.find(), file + " declares its package");
                String name = file.getFileName().toString().replace(".java", "");
                code.put(pkg.group(1) + "." + name, source);
            }
        }
        classes = new TreeMap<>();
        code.forEach((name, source) -> classes.put(name, dependencies(name, source, code.keySet())));
    }

    @Test
    void noClassDependsOnItselfThroughOthers() {
        List<Set<String>> cycles = cycles(classes);
        assertEquals(List.of(), cycles, "classes that depend on each other");
    }

    @Test
    void noPackageDependsOnItselfThroughOthers() {
        Map<String, Set<String>> units = new TreeMap<>();
        classes.forEach((name, uses) -> units.computeIfAbsent(unit(name), u -> new TreeSet<>())
                .addAll(uses.stream().map(ArchitectureTest::unit).toList()));
        units.forEach((unit, uses) -> uses.remove(unit));
        List<Set<String>> cycles = cycles(units);
        assertEquals(
                List.of(),
                cycles,
                "packages that depend on each other, each with the classes that make it:\n"
                        + cycles.stream().map(ArchitectureTest::explain).collect(Collectors.joining("\n")));
    }

    @Test
    void insideAFeatureNothingDependsOnALayerAboveIt() {
        List<String> upward = new ArrayList<>();
        classes.forEach((name, uses) -> {
            for (String used : uses) {
                String feature = feature(name);
                if (feature != null && feature.equals(feature(used)) && layer(used) > layer(name)) {
                    upward.add(name + " -> " + used);
                }
            }
        });
        assertEquals(List.of(), upward);
    }

    @Test
    void theChecksSeeDependencies() {
        // A guard for the checks above: if the parsing broke, every set would be empty and all pass.
        assertTrue(classes.size() > 200, "read " + classes.size() + " classes");
        assertTrue(
                classes.get("dev.herald.events.boundary.EventsResource").contains("dev.herald.events.control.EventLog"),
                "imports are seen");
        assertTrue(
                classes.get("dev.herald.governance.release.control.Releases")
                        .contains("dev.herald.governance.release.entity.Release"),
                "imports are seen");
        assertTrue(
                classes.get("dev.herald.problems.ProblemMapper").contains("dev.herald.problems.Problem"),
                "classes of the same package are seen");
    }

    private static Set<String> dependencies(String name, String source, Set<String> known) {
        String pkg = name.substring(0, name.lastIndexOf('.'));
        Set<String> uses = new TreeSet<>();
        Matcher imports = IMPORT.matcher(source);
        while (imports.find()) {
            topLevel(imports.group(1), known).ifPresent(uses::add);
        }
        String code = COMMENTS_AND_STRINGS
                .matcher(source.replaceAll("(?m)^(package|import) .*$", ""))
                .replaceAll("\"\"");
        Matcher qualified = QUALIFIED.matcher(code);
        while (qualified.find()) {
            topLevel(qualified.group(), known).ifPresent(uses::add);
        }
        for (String other : known) {
            String simple = other.substring(other.lastIndexOf('.') + 1);
            if (other.startsWith(pkg + ".")
                    && other.lastIndexOf('.') == pkg.length()
                    && Pattern.compile("\\b" + simple + "\\b").matcher(code).find()) {
                uses.add(other);
            }
        }
        uses.remove(name);
        return uses;
    }

    /** The top-level class a name refers to, for a nested class ({@code Outer.Inner}) its outer one. */
    private static Optional<String> topLevel(String reference, Set<String> known) {
        String candidate = reference;
        while (candidate.contains(".")) {
            if (known.contains(candidate)) {
                return Optional.of(candidate);
            }
            candidate = candidate.substring(0, candidate.lastIndexOf('.'));
        }
        return Optional.empty();
    }

    /**
     * The package a class counts in: a feature with its boundary, control and entity together
     * (each governance area on its own), and each sub-package of {@code platform} and {@code
     * access} on its own, as docs/architecture.md lists them.
     */
    static String unit(String className) {
        List<String> parts = List.of(className.substring("dev.herald.".length()).split("\\."));
        List<String> packages = parts.subList(0, parts.size() - 1);
        if (packages.isEmpty()) {
            return "(root)";
        }
        if (packages.size() > 1 && !LAYERS.contains(packages.get(1))) {
            return packages.get(0) + "." + packages.get(1);
        }
        return packages.get(0);
    }

    private static String feature(String className) {
        for (String layer : LAYERS) {
            int at = className.indexOf("." + layer + ".");
            if (at > 0) {
                return className.substring(0, at);
            }
        }
        return null;
    }

    private static int layer(String className) {
        for (int i = 0; i < LAYERS.size(); i++) {
            if (className.contains("." + LAYERS.get(i) + ".")) {
                return i;
            }
        }
        return -1;
    }

    private static String explain(Set<String> cycle) {
        StringBuilder text = new StringBuilder();
        classes.forEach((name, uses) -> uses.stream()
                .filter(used -> cycle.contains(unit(name))
                        && cycle.contains(unit(used))
                        && !unit(used).equals(unit(name)))
                .forEach(used -> text.append("  ")
                        .append(name)
                        .append(" -> ")
                        .append(used)
                        .append('\n')));
        return cycle + "\n" + text;
    }

    /** The strongly connected components with more than one member (Tarjan's algorithm). */
    static List<Set<String>> cycles(Map<String, Set<String>> graph) {
        return new Object() {
            final Map<String, Integer> index = new HashMap<>();
            final Map<String, Integer> low = new HashMap<>();
            final Deque<String> stack = new ArrayDeque<>();
            final Set<String> onStack = new TreeSet<>();
            final List<Set<String>> found = new ArrayList<>();

            List<Set<String>> run() {
                graph.keySet().forEach(node -> {
                    if (!index.containsKey(node)) {
                        visit(node);
                    }
                });
                return found;
            }

            void visit(String node) {
                index.put(node, index.size());
                low.put(node, index.get(node));
                stack.push(node);
                onStack.add(node);
                for (String next : graph.getOrDefault(node, Set.of())) {
                    if (!index.containsKey(next)) {
                        visit(next);
                        low.put(node, Math.min(low.get(node), low.get(next)));
                    } else if (onStack.contains(next)) {
                        low.put(node, Math.min(low.get(node), index.get(next)));
                    }
                }
                if (low.get(node).equals(index.get(node))) {
                    Set<String> component = new TreeSet<>();
                    String member;
                    do {
                        member = stack.pop();
                        onStack.remove(member);
                        component.add(member);
                    } while (!member.equals(node));
                    if (component.size() > 1) {
                        found.add(component);
                    }
                }
            }
        }.run();
    }
}
