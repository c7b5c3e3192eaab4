package io.leadflow.integrations.trustedform;

import io.leadflow.integration.IntegrationSettings;
import io.leadflow.integration.TargetUrl;
import io.leadflow.integration.TypedValue;
import io.leadflow.integration.Vars;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The lead's TrustedForm certificate URL ({@code lead.trustedform_cert_url}) as LeadConduit's TrustedForm helpers check
 * and normalise it, and where a request about it goes: the certificate URL itself, or {@code trustedform.api_url}
 * followed by the certificate id (a proxy, or a fake TrustedForm in tests).
 */
final class CertificateUrl {

    static final String VARIABLE = "lead.trustedform_cert_url";
    static final String API_URL = "trustedform.api_url";

    /** 40 or 80 id characters, or a Facebook certificate ({@code 0.}); dots escaped, unlike LeadConduit's pattern. */
    private static final Pattern PRODUCTION = Pattern.compile(
            "https?://cert\\.trustedform\\.com/(?:[-_a-zA-Z0-9]{40}|[-_a-zA-Z0-9]{80})");
    private static final Pattern FACEBOOK = Pattern.compile("https?://cert\\.trustedform\\.com/0\\..*", Pattern.DOTALL);
    private static final Pattern PING = Pattern.compile("https://ping\\.(?:staging\\.)?trustedform\\.com.*",
            Pattern.DOTALL);

    private CertificateUrl() {
    }

    /** The URL as the source sent it (a typed value's raw form); empty when absent or blank. */
    static Optional<String> raw(Vars vars) {
        Object value = vars.get(VARIABLE);
        String text = value instanceof TypedValue typed ? typed.raw() : value == null ? null : value.toString();
        return text == null || text.isBlank() ? Optional.empty() : Optional.of(text);
    }

    /** {@code TrustedForm cert URL must not be blank} or {@code … must be valid}, as LeadConduit's production checks. */
    static Optional<String> validate(Vars vars) {
        Optional<String> url = raw(vars);
        if (url.isEmpty()) {
            return Optional.of("TrustedForm cert URL must not be blank");
        }
        if (!PRODUCTION.matcher(url.get()).matches() && !FACEBOOK.matcher(url.get()).matches()) {
            return Optional.of("TrustedForm cert URL must be valid");
        }
        return Optional.empty();
    }

    /** Whether the URL is a TrustedForm ping URL (accepted by Insights without the certificate checks). */
    static boolean isPing(Vars vars) {
        return raw(vars).filter(url -> PING.matcher(url).matches()).isPresent();
    }

    /** {@code trustedform.api_url}, when set, must be an http(s) URL (and public unless private networks are allowed). */
    static Optional<String> validateApiUrl(Vars vars, IntegrationSettings settings) {
        Optional<String> apiUrl = vars.text(API_URL);
        if (apiUrl.isEmpty()) {
            return Optional.empty();
        }
        if (TargetUrl.base(apiUrl.get()).isEmpty()) {
            return Optional.of("TrustedForm API URL must be valid");
        }
        if (settings.allowPrivateNetworks()) {
            return Optional.empty();
        }
        Optional<TargetUrl> target = TargetUrl.parse(apiUrl.get());
        if (target.isEmpty()) {
            return Optional.of("TrustedForm API URL must be valid");
        }
        return target.get().isPublic() ? Optional.empty() : Optional.of("TrustedForm API URL must be public");
    }

    /**
     * LeadConduit's {@code formatUrl}: the first of comma-separated values, {@code http://} made {@code https://},
     * trailing slashes trimmed.
     */
    static String format(String url) {
        String first = url.contains(",")
                ? Arrays.stream(url.split(",")).filter(part -> !part.isEmpty()).findFirst().orElse("") : url;
        return first.replaceFirst("http://", "https://").replaceAll("/+$", "");
    }

    /** Where to send a request about {@code certificateUrl}: itself, or the API URL followed by its path. */
    static String target(Vars vars, String certificateUrl) {
        Optional<String> apiUrl = vars.text(API_URL);
        if (apiUrl.isEmpty()) {
            return certificateUrl;
        }
        int pathStart = certificateUrl.indexOf('/', certificateUrl.indexOf("//") + 2);
        String path = pathStart < 0 ? "" : certificateUrl.substring(pathStart);
        return apiUrl.get().replaceAll("/+$", "") + path;
    }
}
