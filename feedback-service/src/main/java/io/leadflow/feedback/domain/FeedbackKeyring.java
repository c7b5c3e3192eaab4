package io.leadflow.feedback.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The flows' feedback keys, kept only as SHA-256 digests. A key is compared with every digest in constant time, so
 * neither the answer time nor a log reveals which key or how much of it matched.
 */
public final class FeedbackKeyring {

    private final List<Entry> entries;

    private record Entry(Recipient recipient, byte[] digest) {
    }

    /** {@code keys}: each recipient's resolved key. */
    public FeedbackKeyring(Map<Recipient, String> keys) {
        List<Entry> digests = new ArrayList<>();
        keys.forEach((recipient, key) -> digests.add(new Entry(recipient, digest(key))));
        this.entries = List.copyOf(digests);
    }

    /**
     * The recipients a call's key is valid for: none when the call carried no key, empty (no answer at all) when it
     * carried a key that is nobody's.
     */
    public Optional<List<Recipient>> authenticate(String key) {
        if (key == null || key.isBlank()) {
            return Optional.of(List.of());
        }
        List<Recipient> recipients = recipientsFor(key);
        return recipients.isEmpty() ? Optional.empty() : Optional.of(recipients);
    }

    /** The recipients whose key this is; empty when it is nobody's. */
    public List<Recipient> recipientsFor(String key) {
        byte[] candidate = digest(key);
        List<Recipient> recipients = new ArrayList<>();
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.digest(), candidate)) {
                recipients.add(entry.recipient());
            }
        }
        return List.copyOf(recipients);
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
