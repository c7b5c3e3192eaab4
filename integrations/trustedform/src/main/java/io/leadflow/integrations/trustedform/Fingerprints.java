package io.leadflow.integrations.trustedform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * LeadConduit's TrustedForm fingerprint check: which of the lead's email and phones, as SHA-1 hex, are among the
 * certificate's matching fingerprints, and a summary ({@code All Matched}, {@code Some Matched}, {@code None Matched},
 * {@code No Fingerprinting Data}).
 */
final class Fingerprints {

    static final List<String> FIELDS = List.of("email", "phone_1", "phone_2", "phone_3");

    private Fingerprints() {
    }

    /** {@code fingerprints_summary} and {@code <field>_fingerprint_matched} for each field the lead has. */
    static Map<String, Object> evaluate(Map<String, String> lead, List<String> matching, List<String> nonMatching) {
        Map<String, Object> result = new LinkedHashMap<>();
        if (matching.isEmpty()) {
            result.put("fingerprints_summary", nonMatching.isEmpty() ? "No Fingerprinting Data" : "None Matched");
            return result;
        }
        result.put("fingerprints_summary", nonMatching.isEmpty() ? "All Matched" : "Some Matched");
        for (String field : FIELDS) {
            String value = lead.get(field);
            if (value != null && !value.isEmpty()) {
                result.put(field + "_fingerprint_matched", matching.contains(sha1(value)));
            }
        }
        return result;
    }

    private static String sha1(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from this JVM", e);
        }
    }
}
