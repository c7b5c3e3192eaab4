package io.leadflow.integration.types;

import io.leadflow.integration.TypedValue;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * TrustedForm certificate URLs: https on a cert or ping host of TrustedForm (production, staging, development or
 * local) with a well-formed certificate id as the path. The id is not decrypted (that needs TrustedForm's secret),
 * so neither the certificate type nor its 90-day age is checked: valid means scheme, host and id format are right.
 */
final class TrustedFormUrlType implements FieldType {

    private static final Pattern TRUSTEDFORM_HOST = Pattern.compile(
            "(?:cert|ping)\\.(?:trustedform\\.com|staging\\.trustedform\\.com|trustedform-staging\\.com"
                    + "|trustedform-dev\\.com|trustedform\\.localhost)");
    /** 40 (legacy, hex) or 80 characters, or the dotted ids of Facebook and ping certificates ({@code 0.<...>}). */
    private static final Pattern CERTIFICATE_ID = Pattern.compile(
            "[-_a-zA-Z0-9]{40}|[-_a-zA-Z0-9]{80}|0(?:\\.[-_a-zA-Z0-9%]+)+");
    private static final int LEGACY_ID_LENGTH = 40;

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
        if (!url.protocol().equals("https") || !TRUSTEDFORM_HOST.matcher(url.host()).matches()
                || !CERTIFICATE_ID.matcher(id).matches()) {
            return new TypedValue(name(), raw, url.href(), false, Map.of());
        }
        return new TypedValue(name(), raw, "https://" + url.host() + "/" + id, true, Map.of(
                "cert_id", id,
                "host", url.host(),
                "path", url.path()));
    }
}
