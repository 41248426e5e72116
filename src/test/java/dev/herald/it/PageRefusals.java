package dev.herald.it;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.response.Response;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A page refused for what its rows hold: a 400 naming a page size that fits. */
public final class PageRefusals {

    private static final Pattern FITS = Pattern.compile("ask for pageSize=(\\d+) or less");

    private PageRefusals() {}

    /** The page size the refusal names, once it is checked to be one. */
    public static int pageSizeNamedBy(Response refusal) {
        refusal.then().statusCode(400).contentType(containsString("application/problem+json"));
        String body = refusal.asString();
        Matcher fits = FITS.matcher(body);
        assertTrue(fits.find(), body);
        return Integer.parseInt(fits.group(1));
    }
}
