package io.leadflow.integration.types;

import io.leadflow.integration.TypedValue;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * TrustedForm certificate URLs: https on a cert or ping host of TrustedForm (production, staging, development or
 * local) with a well-formed certificate id as the path. The id is not decrypted (that needs TrustedForm's secret),
 * so neither the certificate type nor its 90-day age is checked: valid means scheme, host and id format are right.
 */
final class TrustedFormUrlType implements FieldType {

    private static final Set<String> TRUSTEDFORM_HOSTS = Set.of(
            "cert.trustedform.com", "cert.staging.trustedform.com", "cert.trustedform-staging.com",
            "cert.trustedform-dev.com", "cert.trustedform.localhost",
            "ping.trustedform.com", "ping.staging.trustedform.com", "ping.trustedform-staging.com",
            "ping.trustedform-dev.com", "ping.trustedform.localhost");
    private static final int LEGACY_ID_LENGTH = 40;
    private static final int ID_LENGTH = 80;
    private static final String DOTTED_ID_START = "0.";

    @Override
    public String name() {
        return "trustedform_url";
    }

    @Override
    public TypedValue parse(Object input) {
        String raw = InputText.of(input);
        Optional<HttpUrl> parsed = InputText.isStructured(input) ? Optional.empty() : HttpUrl.read(raw);
        if (parsed.isEmpty()) {
            return new TypedValue(name(), raw, raw, false, Map.of());
        }
        HttpUrl url = parsed.get();
        String id = url.path().substring(1);
        if (id.length() == LEGACY_ID_LENGTH) {
            id = id.toLowerCase(Locale.ROOT);
        }
        if (!url.protocol().equals("https") || !TRUSTEDFORM_HOSTS.contains(url.host()) || !isCertificateId(id)) {
            return new TypedValue(name(), raw, url.href(), false, Map.of());
        }
        return new TypedValue(name(), raw, "https://" + url.host() + "/" + id, true, Map.of(
                "cert_id", id,
                "host", url.host(),
                "path", url.path()));
    }

    /** 40 (legacy, hex) or 80 characters, or the dotted ids of Facebook and ping certificates ({@code 0.<...>}). */
    private static boolean isCertificateId(String id) {
        boolean plainId = (id.length() == LEGACY_ID_LENGTH || id.length() == ID_LENGTH)
                && hasOnlyIdCharacters(id, 0, id.length(), false);
        return plainId || isDottedId(id);
    }

    /** {@code 0} and one or more dot-separated parts. */
    private static boolean isDottedId(String id) {
        if (!id.startsWith(DOTTED_ID_START)) {
            return false;
        }
        int partStart = DOTTED_ID_START.length();
        for (int dot = id.indexOf('.', partStart); dot >= 0; dot = id.indexOf('.', partStart)) {
            if (!hasOnlyIdCharacters(id, partStart, dot, true)) {
                return false;
            }
            partStart = dot + 1;
        }
        return hasOnlyIdCharacters(id, partStart, id.length(), true);
    }

    /** Whether the range is not empty and holds only {@code -_a-zA-Z0-9} (and {@code %} where allowed). */
    private static boolean hasOnlyIdCharacters(String id, int start, int end, boolean percentAllowed) {
        if (start == end) {
            return false;
        }
        for (int i = start; i < end; i++) {
            char c = id.charAt(i);
            boolean idCharacter = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-'
                    || c == '_' || percentAllowed && c == '%';
            if (!idCharacter) {
                return false;
            }
        }
        return true;
    }
}
