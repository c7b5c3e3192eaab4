package io.leadflow.intake.inbound;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * URL-encoded {@code name=value} pairs read as Node's {@code querystring} reads them: {@code +} is a space, a broken
 * {@code %} escape stays as it is (never an error), a repeated name gives a list, at most 1000 pairs are read.
 */
final class QueryString {

    static final int MAX_PAIRS = 1000;

    private QueryString() {
    }

    static Map<String, Object> parse(String encoded, Charset charset) {
        Map<String, Object> pairs = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return pairs;
        }
        int read = 0;
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            if (read++ == MAX_PAIRS) {
                break;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals), charset);
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1), charset);
            if (!name.isEmpty()) {
                addRepeatable(pairs, name, value);
            }
        }
        return pairs;
    }

    /** Adds a value under a name; a name seen before collects its values in a list, in order. */
    @SuppressWarnings("unchecked")
    static void addRepeatable(Map<String, Object> values, String name, Object value) {
        Object earlier = values.get(name);
        if (earlier == null) {
            values.put(name, value);
        } else if (earlier instanceof List<?> list) {
            ((List<Object>) list).add(value);
        } else {
            List<Object> list = new ArrayList<>(2);
            list.add(earlier);
            list.add(value);
            values.put(name, list);
        }
    }

    private static String decode(String text, Charset charset) {
        if (text.indexOf('%') < 0 && text.indexOf('+') < 0) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%' && i + 2 < text.length() && isHex(text.charAt(i + 1)) && isHex(text.charAt(i + 2))) {
                bytes.write(Character.digit(text.charAt(i + 1), 16) * 16 + Character.digit(text.charAt(i + 2), 16));
                i += 2;
            } else {
                byte[] encoded = String.valueOf(c).getBytes(charset);
                if (Character.isHighSurrogate(c) && i + 1 < text.length()) {
                    encoded = text.substring(i, i + 2).getBytes(charset);
                    i++;
                }
                bytes.writeBytes(encoded);
            }
        }
        return bytes.toString(charset);
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }
}
