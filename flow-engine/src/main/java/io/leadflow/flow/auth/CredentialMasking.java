package io.leadflow.flow.auth;

import io.leadflow.integration.OutboundRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a request looks like when it is logged, stored or shown: the values a credential put in it (Authorization,
 * the API key header or query parameter, custom headers) replaced by {@value #MASK}.
 */
public final class CredentialMasking {

    public static final String MASK = "****";
    public static final String HEADERS_PREFIX = "headers.";
    public static final String ATTRIBUTES_PREFIX = "attributes.";

    private CredentialMasking() {
    }

    /** The request with every credential value masked; without a credential only {@code Authorization} is masked. */
    public static OutboundRequest mask(OutboundRequest request, Credential credential) {
        OutboundRequest masked = maskHeader(request, "Authorization");
        if (credential == null) {
            return masked;
        }
        if (credential.type() == CredentialType.API_KEY && credential.setting("header") != null) {
            masked = maskHeader(masked, credential.setting("header"));
        }
        if (credential.type() == CredentialType.API_KEY && credential.setting("query_param") != null) {
            String name = Pattern.quote(URLEncoder.encode(credential.setting("query_param"), StandardCharsets.UTF_8));
            String url = masked.url() == null ? null : Pattern.compile("([?&]" + name + "=)[^&#]*").matcher(masked.url())
                    .replaceAll("$1" + Matcher.quoteReplacement(MASK));
            masked = new OutboundRequest(masked.method(), url, masked.headers(), masked.body(), masked.followRedirects());
        }
        for (String header : headers(credential).keySet()) {
            masked = maskHeader(masked, header);
        }
        return masked;
    }

    /** The headers of a {@code headers} credential, by name, with their values as written (references). */
    static Map<String, String> headers(Credential credential) {
        return group(credential, HEADERS_PREFIX);
    }

    /** The attributes of a {@code token} credential, by name, with their values as written (references). */
    public static Map<String, String> attributes(Credential credential) {
        return group(credential, ATTRIBUTES_PREFIX);
    }

    private static Map<String, String> group(Credential credential, String prefix) {
        Map<String, String> group = new LinkedHashMap<>();
        credential.settings().forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                group.put(key.substring(prefix.length()), value);
            }
        });
        return group;
    }

    private static OutboundRequest maskHeader(OutboundRequest request, String name) {
        boolean present = request.headers().keySet().stream().anyMatch(name::equalsIgnoreCase);
        return present ? request.withHeader(name, MASK) : request;
    }
}
