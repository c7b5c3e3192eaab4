package io.leadflow.enhancement.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed hashes of list values: a list's key is HMAC-SHA256(secret, "leadflow-list|name|generation") with the list's
 * own secret (a {@code ${secret:…}} / {@code ${env:…}} reference) or the service's; a value's hash is
 * HMAC-SHA256(list key, normalised value), base64url. Only hashes leave this class; values and keys never do.
 */
public final class ListKeys {

    private static final String HMAC = "HmacSHA256";

    private final UnaryOperator<String> resolveReference;
    private final String serviceSecret;
    private final Map<String, byte[]> listKeys = new ConcurrentHashMap<>();

    /** {@code resolveReference} replaces {@code ${secret:…}} / {@code ${env:…}} by the value or throws. */
    public ListKeys(UnaryOperator<String> resolveReference, String serviceSecret) {
        this.resolveReference = resolveReference;
        this.serviceSecret = serviceSecret;
    }

    /** The hash of {@code value} on {@code list}; throws {@link MissingListSecret} when no secret is configured. */
    public String hash(ListSpec list, String value) {
        byte[] key = listKeys.computeIfAbsent(list.name() + "|" + list.generation() + "|" + list.secretReference(),
                ignored -> hmac(secret(list), ("leadflow-list|" + list.name() + "|" + list.generation())
                        .getBytes(StandardCharsets.UTF_8)));
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(hmac(key, ListValues.normalise(value).getBytes(StandardCharsets.UTF_8)));
    }

    private byte[] secret(ListSpec list) {
        String secret = list.secretReference() == null ? serviceSecret : resolveReference.apply(list.secretReference());
        if (secret == null || secret.isBlank()) {
            throw new MissingListSecret(list.secretReference() == null
                    ? "No lists secret is configured (set LEADFLOW_LISTS_SECRET)"
                    : "The secret " + list.secretReference() + " of list " + list.name() + " is empty");
        }
        return secret.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** No secret to hash a list's values with; the message names the setting or reference, never a value. */
    public static final class MissingListSecret extends RuntimeException {
        public MissingListSecret(String message) {
            super(message);
        }
    }
}
