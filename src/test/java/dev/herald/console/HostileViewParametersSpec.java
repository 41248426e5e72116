package dev.herald.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.it.Api;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every console page, with every view parameter it takes set in turn to what a hostile or
 * careless URL holds (a page number near 2^31, a negative one, no number at all, 5,000
 * characters, markup): the page still renders for the person signed in, never a 5xx; a NUL,
 * which PostgreSQL text cannot hold, is a 400 on every page.
 * The pages and their parameters are read from the webapp's own files, so a new page or
 * parameter is covered without a change here. Plain HTTP with the console's session cookie:
 * what is checked is the server's answer, not the browser's rendering.
 */
public abstract class HostileViewParametersSpec {

    private static final Path PAGES = Path.of("src/main/webapp/console");
    private static final Pattern VIEW_PARAMETER = Pattern.compile("<f:viewParam name=\"([^\"]+)\"");
    private static final List<String> HOSTILE = List.of(
            "2147483647",
            "2147483648",
            "-1",
            "0",
            "abc",
            "1e99",
            "9".repeat(40),
            "\u0000",
            "x".repeat(5000),
            "../../etc/passwd",
            "<script>window.pwned=1</script>",
            "' OR '1'='1",
            "",
            "2026-13-45T99:99",
            "evt_" + "0".repeat(26));

    @Test
    void everyPageAnswersEveryHostileViewParameterWithoutA5xx() throws Exception {
        Map<String, List<String>> parameters = viewParametersOfEveryPage();
        assertTrue(parameters.size() >= 15, "the console's pages were found: " + parameters.keySet());
        ConsoleOverHttp browser = ConsoleOverHttp.signedIn(Api.newTenant().token());

        List<String> failures = new ArrayList<>();
        int calls = 0;
        for (Map.Entry<String, List<String>> page : parameters.entrySet()) {
            for (String parameter : page.getValue()) {
                for (String value : HOSTILE) {
                    String path = "console/" + page.getKey() + "?" + parameter + "="
                            + URLEncoder.encode(value, StandardCharsets.UTF_8);
                    HttpResponse<String> answer = browser.get(path);
                    calls++;
                    boolean answered = value.contains("\u0000")
                            ? answer.statusCode() == 400 // PostgreSQL text cannot hold it: refused, as by the API
                            : answer.statusCode() == 200 && answer.body().contains("id=\"signOut\"");
                    if (!answered) {
                        failures.add(page.getKey() + "?" + parameter + "=" + ConsoleOverHttp.abbreviated(value) + " -> "
                                + answer.statusCode() + " " + ConsoleOverHttp.abbreviated(answer.body()));
                    }
                }
            }
        }
        assertTrue(calls > 300, calls + " calls");
        assertEquals(List.of(), failures, failures.size() + " of " + calls + " pages answered badly");
    }

    /** Page file name to the names of its view parameters, for every page that takes one. */
    private static Map<String, List<String>> viewParametersOfEveryPage() throws IOException {
        Map<String, List<String>> parameters = new TreeMap<>();
        try (Stream<Path> pages = Files.list(PAGES)) {
            for (Path page : pages.filter(p -> p.toString().endsWith(".xhtml")).toList()) {
                Matcher found = VIEW_PARAMETER.matcher(Files.readString(page));
                List<String> names = new ArrayList<>();
                while (found.find()) {
                    names.add(found.group(1));
                }
                if (!names.isEmpty()) {
                    parameters.put(page.getFileName().toString(), names);
                }
            }
        }
        return parameters;
    }
}
