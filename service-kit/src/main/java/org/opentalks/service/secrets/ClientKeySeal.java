package org.opentalks.service.secrets;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.opentalks.contract.Sha256;

/**
 * Seals a client's provider keys (D-ID's {@code x-api-key-external}) for the trip from the gateway to the
 * tts-service through the broker, which keeps events for days: AES-256-GCM (NIST SP 800-38D) under a key
 * derived from a secret only those two services hold, a random 96-bit nonce per message, and the talk id
 * as associated data so a sealed value cannot be replayed onto another talk.
 */
public final class ClientKeySeal {
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    /** @param secret the shared secret ({@code opentalks.client-keys.secret}) */
    public ClientKeySeal(String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("opentalks.client-keys.secret is empty");
        }
        // A purpose label keeps this key distinct from any other use of the same secret.
        byte[] derived = hex(Sha256.hex("opentalks client keys\n" + secret));
        this.key = new SecretKeySpec(derived, "AES");
    }

    /** {@code value} sealed for {@code talkId}: base64url of nonce and ciphertext with its tag. */
    public String seal(String value, String talkId) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(talkId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(value.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /**
     * The value sealed for {@code talkId}.
     *
     * @throws IllegalArgumentException when it was sealed with another secret, for another talk, or altered
     */
    public String open(String sealed, String talkId) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(sealed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the client keys are not a sealed value");
        }
        if (bytes.length <= NONCE_BYTES) {
            throw new IllegalArgumentException("the client keys are not a sealed value");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            cipher.updateAAD(talkId.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new IllegalArgumentException("the client keys cannot be opened: sealed with another "
                    + "opentalks.client-keys.secret, for another talk, or altered");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    private static byte[] hex(String hex) {
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}
