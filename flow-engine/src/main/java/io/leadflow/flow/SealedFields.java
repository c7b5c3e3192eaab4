package io.leadflow.flow;

import io.leadflow.flow.rules.LeadView;
import io.leadflow.integration.TypedValue;
import io.leadflow.integration.types.FieldTypes;
import io.leadflow.integration.types.Masking;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals sensitive lead fields (ssn, credential) for the topics and opens them to render a request. A sealed value
 * shows only its masked form; the original text is AES-GCM encrypted with the key in a secret ({@code ${secret:NAME}},
 * base64 of 16, 24 or 32 bytes), bound to the lead and field, in {@code v1:<secret name>:<base64 nonce+ciphertext>}.
 */
public final class SealedFields {

    /** The field types whose values are sealed. */
    public static final Set<String> SEALED_TYPES = Set.of("ssn", "credential");

    private static final String VERSION = "v1";
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Pattern SECRET_NAME = Pattern.compile("[A-Za-z0-9_.-]+");
    /** A Cipher per thread: getting one costs more than sealing a value, and a Cipher is not thread-safe. */
    /**
     * A DRBG per thread for nonces: the default SecureRandom on Linux (NativePRNG) serialises every caller on one lock
     * and a read of /dev/urandom.
     */
    private static final ThreadLocal<SecureRandom> NONCES = ThreadLocal.withInitial(() -> {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("DRBG is missing from this JVM", e);
        }
    });
    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance(TRANSFORMATION);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(TRANSFORMATION + " is missing from this JVM", e);
        }
    });

    private final References references;
    private final Map<String, SecretKey> keys = new ConcurrentHashMap<>();

    public SealedFields(References references) {
        this.references = references;
    }

    /** Whether any flow has a field whose values are sealed, so that intake needs a key. */
    public static boolean anySealedField(FlowCatalog flows) {
        return flows.all().stream()
                .flatMap(flow -> flow.fields().stream())
                .anyMatch(field -> SEALED_TYPES.contains(field.type()));
    }

    /** Checks that the secret holds a usable key; a {@link SealException} says what is wrong, never the key. */
    public void requireKey(String secretName) {
        key(secretName);
    }

    /** The lead's fields with every value of a sealed type sealed with the key in {@code secretName}. */
    public Map<String, TypedValue> seal(String leadId, Map<String, TypedValue> fields, String secretName) {
        if (fields.values().stream().noneMatch(SealedFields::needsSeal)) {
            return fields;
        }
        Map<String, TypedValue> sealed = new LinkedHashMap<>(fields);
        fields.forEach((fieldId, value) -> {
            if (needsSeal(value)) {
                sealed.put(fieldId, seal(leadId, fieldId, value, secretName));
            }
        });
        return sealed;
    }

    private static boolean needsSeal(TypedValue value) {
        return value != null && value.sealed() == null && SEALED_TYPES.contains(value.type());
    }

    /** The view with the lead's sealed fields opened, for rendering one request; the view itself if none is sealed. */
    public LeadView open(LeadView view) {
        Lead lead = view.lead();
        if (lead.fields().values().stream().noneMatch(value -> value != null && value.sealed() != null)) {
            return view;
        }
        Map<String, TypedValue> opened = new LinkedHashMap<>(lead.fields());
        lead.fields().forEach((fieldId, value) -> {
            if (value != null && value.sealed() != null) {
                opened.put(fieldId, open(lead.id(), fieldId, value));
            }
        });
        return view.withLead(new Lead(lead.id(), lead.flowId(), lead.flowRevision(), lead.sourceId(),
                lead.submittedAt(), opened));
    }

    TypedValue seal(String leadId, String fieldId, TypedValue value, String secretName) {
        String text = value.raw() != null ? value.raw() : String.valueOf(value.normal());
        byte[] nonce = new byte[NONCE_BYTES];
        NONCES.get().nextBytes(nonce);
        byte[] ciphertext = crypt(Cipher.ENCRYPT_MODE, secretName, nonce, leadId, fieldId, value.type(),
                text.getBytes(StandardCharsets.UTF_8));
        String envelope = VERSION + ":" + secretName + ":" + Base64.getEncoder().encodeToString(
                ByteBuffer.allocate(nonce.length + ciphertext.length).put(nonce).put(ciphertext).array());
        TypedValue masked = Masking.mask(value);
        return new TypedValue(masked.type(), masked.raw(), masked.normal(), masked.valid(), masked.components(),
                envelope);
    }

    TypedValue open(String leadId, String fieldId, TypedValue sealed) {
        String[] parts = sealed.sealed().split(":", 3);
        if (parts.length != 3 || !parts[0].equals(VERSION) || !SECRET_NAME.matcher(parts[1]).matches()) {
            throw new SealException("Sealed field " + fieldId + " is not in a format this version can open");
        }
        byte[] envelope;
        try {
            envelope = Base64.getDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new SealException("Sealed field " + fieldId + " is not in a format this version can open");
        }
        if (envelope.length <= NONCE_BYTES) {
            throw new SealException("Sealed field " + fieldId + " is not in a format this version can open");
        }
        byte[] nonce = Arrays.copyOf(envelope, NONCE_BYTES);
        byte[] ciphertext = Arrays.copyOfRange(envelope, NONCE_BYTES, envelope.length);
        String text = new String(crypt(Cipher.DECRYPT_MODE, parts[1], nonce, leadId, fieldId, sealed.type(),
                ciphertext), StandardCharsets.UTF_8);
        TypedValue opened = FieldTypes.parse(sealed.type(), text);
        return opened.valid() == sealed.valid() ? opened
                : new TypedValue(opened.type(), opened.raw(), opened.normal(), sealed.valid(), opened.components());
    }

    private byte[] crypt(int mode, String secretName, byte[] nonce, String leadId, String fieldId, String type,
                         byte[] input) {
        try {
            Cipher cipher = CIPHERS.get();
            cipher.init(mode, key(secretName), new GCMParameterSpec(TAG_BITS, nonce));
            // Bound to the lead, field and type: a sealed value copied elsewhere does not open.
            cipher.updateAAD((leadId + "\n" + fieldId + "\n" + type).getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new SealException(mode == Cipher.ENCRYPT_MODE ? "Field " + fieldId + " could not be sealed"
                    : "Sealed field " + fieldId + " does not open with the key in secret " + secretName);
        }
    }

    private SecretKey key(String secretName) {
        return keys.computeIfAbsent(secretName, name -> {
            if (!SECRET_NAME.matcher(name).matches()) {
                throw new SealException("'" + name + "' is not a secret name");
            }
            String encoded;
            try {
                encoded = references.resolve("${secret:" + name + "}");
            } catch (References.UnresolvedReferenceException e) {
                throw new SealException("The field encryption key is missing: " + e.getMessage());
            }
            byte[] key;
            try {
                key = Base64.getDecoder().decode(encoded.strip());
            } catch (IllegalArgumentException e) {
                throw new SealException("Secret " + name + " is not a base64 key");
            }
            if (key.length != 16 && key.length != 24 && key.length != 32) {
                throw new SealException("Secret " + name + " must hold 16, 24 or 32 bytes (base64), not "
                        + key.length);
            }
            return new SecretKeySpec(key, "AES");
        });
    }

    /** A value could not be sealed or opened; the message names the field or secret, never a value or key. */
    public static final class SealException extends RuntimeException {
        public SealException(String message) {
            super(message);
        }
    }
}
