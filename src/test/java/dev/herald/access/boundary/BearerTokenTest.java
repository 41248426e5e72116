package dev.herald.access.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class BearerTokenTest {

    @Test
    void theTokenIsWhatFollowsTheSchemeInAnyCaseTrimmed() {
        assertEquals(Optional.of("hrd_abc"), BearerToken.of("Bearer hrd_abc"));
        assertEquals(Optional.of("hrd_abc"), BearerToken.of("bEARER   hrd_abc  "));
        assertEquals(Optional.of(""), BearerToken.of("Bearer "));
    }

    @Test
    void noHeaderOrAnotherSchemeCarriesNoToken() {
        assertEquals(Optional.empty(), BearerToken.of(null));
        assertEquals(Optional.empty(), BearerToken.of(""));
        assertEquals(Optional.empty(), BearerToken.of("Bearer"));
        assertEquals(Optional.empty(), BearerToken.of("Bearerhrd_abc"));
        assertEquals(Optional.empty(), BearerToken.of("Basic aGVyYWxkOmFkbWlu"));
    }
}
