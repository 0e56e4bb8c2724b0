package org.opentalks.service.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ClientKeySealTest {
    private static final String KEYS = "{\"elevenlabs\":\"sk_live_0123456789abcdef\"}";

    @Test
    void whatIsSealedForATalkOpensForThatTalkOnly() {
        ClientKeySeal seal = new ClientKeySeal("a shared secret of the gateway and the tts-service");
        String sealed = seal.seal(KEYS, "tlk_one");

        assertFalse(sealed.contains("sk_live"), sealed);
        assertNotEquals(sealed, seal.seal(KEYS, "tlk_one"), "a fresh nonce each time");
        assertEquals(KEYS, seal.open(sealed, "tlk_one"));
        assertThrows(IllegalArgumentException.class, () -> seal.open(sealed, "tlk_two"));
        assertThrows(IllegalArgumentException.class, () -> new ClientKeySeal("another secret").open(sealed, "tlk_one"));
        char[] altered = sealed.toCharArray();
        altered[altered.length / 2] = altered[altered.length / 2] == 'A' ? 'B' : 'A';
        assertThrows(IllegalArgumentException.class, () -> seal.open(new String(altered), "tlk_one"));
        assertThrows(IllegalArgumentException.class, () -> seal.open("not sealed at all", "tlk_one"));
    }
}
