package dev.herald.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.access.control.TokenCodec;
import org.junit.jupiter.api.Test;

class TokenCodecTest {

    @Test
    void tokensCarry256RandomBits() {
        String token = TokenCodec.newToken();
        assertTrue(token.matches("hrld_[A-Za-z0-9_-]{43}"), token);
        assertNotEquals(token, TokenCodec.newToken());
    }

    @Test
    void hashIsTheSha256HexOfTheToken() {
        assertEquals("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", TokenCodec.hash("hello"));
    }
}
