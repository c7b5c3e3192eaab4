package io.leadflow.integration.framework;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * LeadConduit's {@code validateRequest} for inbound modules: the method must be one of those allowed (default POST)
 * and the Content-Type present and one of the supported MIME types; each refusal is a 415 with a plain-text message.
 */
public final class InboundRequestCheck {

    private InboundRequestCheck() {
    }

    /** An HTTP answer that ends the request early: status, headers and a plain-text body. */
    public record Refusal(int status, Map<String, String> headers, String body) {
    }

    /** The refusal for this request, or empty when it may be parsed. Header names are matched in any case. */
    public static Optional<Refusal> check(String method, Map<String, String> headers, List<String> mimeTypes,
                                          List<String> methods) {
        String verb = method == null ? "" : method.toUpperCase(Locale.ROOT);
        List<String> allowed = (methods == null || methods.isEmpty() ? List.of("POST") : methods).stream()
                .map(name -> name.toUpperCase(Locale.ROOT)).toList();
        if (!allowed.contains(verb)) {
            return Optional.of(new Refusal(415, Map.of("Content-Type", "text/plain", "Allow", "POST"),
                    "The " + verb + " method is not allowed"));
        }
        String contentType = headers.entrySet().stream()
                .filter(header -> header.getKey().equalsIgnoreCase("Content-Type"))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        if (contentType == null || contentType.isBlank()) {
            return Optional.of(new Refusal(415, Map.of("Content-Type", "text/plain"), "Content-Type header is required"));
        }
        String essence = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        boolean supported = mimeTypes.stream().anyMatch(type -> matches(type.toLowerCase(Locale.ROOT), essence));
        if (!supported) {
            return Optional.of(new Refusal(415, Map.of("Content-Type", "text/plain"),
                    "MIME type in Content-Type header is not supported. Use only " + String.join(", ", mimeTypes)));
        }
        return Optional.empty();
    }

    /** A supported type against the request's type, where either may be a {@code type/*} or {@code * /*} range. */
    private static boolean matches(String supported, String requested) {
        String[] a = supported.split("/", 2);
        String[] b = requested.split("/", 2);
        if (a.length < 2 || b.length < 2) {
            return false;
        }
        boolean type = a[0].equals(b[0]) || a[0].equals("*") || b[0].equals("*");
        boolean subtype = a[1].equals(b[1]) || a[1].equals("*") || b[1].equals("*");
        return type && subtype;
    }
}
