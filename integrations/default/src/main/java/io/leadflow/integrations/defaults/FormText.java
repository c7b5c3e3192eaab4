package io.leadflow.integrations.defaults;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Values as text in a form body or a query, the way LeadConduit's Node code writes them: {@code querystring} for
 * bodies, WHATWG {@code URLSearchParams} for queries merged into a URL.
 */
final class FormText {

    private static final String QUERYSTRING_SAFE = "-_.!~*'()";
    private static final String SEARCH_PARAMS_SAFE = "*-._";

    private FormText() {
    }

    /** {@code String(value)}: integral numbers without a fraction, lists joined with commas. */
    static String of(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double number && number == Math.rint(number) && Math.abs(number) < 1e21) {
            return Long.toString(number.longValue());
        }
        if (value instanceof Collection<?> items) {
            return items.stream().map(FormText::of).collect(Collectors.joining(","));
        }
        return value.toString();
    }

    /** {@code !!value}. */
    static boolean truthy(Object value) {
        if (value == null || Boolean.FALSE.equals(value)) {
            return false;
        }
        if (value instanceof Number number) {
            return number.doubleValue() != 0 && !Double.isNaN(number.doubleValue());
        }
        return !(value instanceof CharSequence text) || !text.isEmpty();
    }

    /** Node's {@code querystring.encode}: {@code name=value&…}, space as {@code %20}. */
    static String encode(Map<String, String> data) {
        return data.entrySet().stream()
                .map(entry -> escape(entry.getKey(), QUERYSTRING_SAFE, "%20") + "="
                        + escape(entry.getValue(), QUERYSTRING_SAFE, "%20"))
                .collect(Collectors.joining("&"));
    }

    /**
     * {@code new URL(url)} with each name set in its search parameters (replacing a parameter of the same name where it
     * stood, else appended), serialised as {@code URLSearchParams} does; an empty path becomes {@code /}.
     */
    static String withQuery(String url, Map<String, String> data) {
        URI uri = URI.create(url.strip());
        List<String[]> parameters = new ArrayList<>();
        String query = uri.getRawQuery();
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                if (!pair.isEmpty()) {
                    String[] parts = pair.split("=", 2);
                    parameters.add(new String[] {decode(parts[0]), parts.length > 1 ? decode(parts[1]) : ""});
                }
            }
        }
        data.forEach((name, value) -> {
            boolean replaced = false;
            for (int i = 0; i < parameters.size(); i++) {
                if (parameters.get(i)[0].equals(name)) {
                    if (replaced) {
                        parameters.remove(i--);
                    } else {
                        parameters.get(i)[1] = value;
                        replaced = true;
                    }
                }
            }
            if (!replaced) {
                parameters.add(new String[] {name, value});
            }
        });
        String search = parameters.stream()
                .map(pair -> escape(pair[0], SEARCH_PARAMS_SAFE, "+") + "=" + escape(pair[1], SEARCH_PARAMS_SAFE, "+"))
                .collect(Collectors.joining("&"));
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getScheme().toLowerCase() + "://" + uri.getRawAuthority() + path + (search.isEmpty() ? "" : "?" + search)
                + (uri.getRawFragment() == null ? "" : "#" + uri.getRawFragment());
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static String escape(String text, String safe, String space) {
        StringBuilder escaped = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || safe.indexOf(c) >= 0)) {
                escaped.append(c);
            } else if (c == ' ') {
                escaped.append(space);
            } else {
                escaped.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
        return escaped.toString();
    }
}
