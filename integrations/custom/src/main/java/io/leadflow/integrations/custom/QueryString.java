package io.leadflow.integrations.custom;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Node's {@code querystring}: {@code stringify} (arrays as repeated names), {@code escape} and {@code parse}. */
final class QueryString {

    private static final String UNRESERVED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.!~*'()";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    private static final int MAX_KEYS = 1000;

    private QueryString() {
    }

    /** {@code querystring.stringify(fields)}: names and values escaped; a list repeats its name (none when empty). */
    static String stringify(Map<String, Object> fields) {
        return stringify(fields, true);
    }

    /** As {@link #stringify(Map)}; with {@code encodeNames} false the names are sent as they are. */
    static String stringify(Map<String, Object> fields, boolean encodeNames) {
        StringBuilder out = new StringBuilder();
        JsValues.inPropertyOrder(fields).forEach((name, value) -> {
            String key = (encodeNames ? escape(name) : name) + "=";
            List<?> values = value instanceof List<?> list ? list : Collections.singletonList(value);
            for (Object item : values) {
                if (!out.isEmpty()) {
                    out.append('&');
                }
                out.append(key).append(primitive(item));
            }
        });
        return out.toString();
    }

    /** {@code querystring.escape}: UTF-8 percent-encoding of all but {@code A-Z a-z 0-9 - _ . ! ~ * ' ( )}. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder();
        byte[] bytes = wellFormed(text).getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            char c = (char) (b & 0xFF);
            if (c < 0x80 && UNRESERVED.indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
            }
        }
        return out.toString();
    }

    /** {@code querystring.parse}: {@code +} is a space, a repeated name collects a list, at most 1000 pairs. */
    static Map<String, Object> parse(String text) {
        Map<String, Object> fields = new LinkedHashMap<>();
        int pairs = 0;
        for (String pair : text.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            if (++pairs > MAX_KEYS) {
                break;
            }
            int eq = pair.indexOf('=');
            String name = unescape(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : unescape(pair.substring(eq + 1));
            Object existing = fields.get(name);
            if (existing == null) {
                fields.put(name, value);
            } else if (existing instanceof List<?> list) {
                @SuppressWarnings("unchecked")
                List<Object> values = (List<Object>) list;
                values.add(value);
            } else {
                List<Object> values = new ArrayList<>();
                values.add(existing);
                values.add(value);
                fields.put(name, values);
            }
        }
        return JsValues.inPropertyOrder(fields);
    }

    /** A value as {@code stringify} writes it: text escaped, finite numbers and booleans as text, else empty. */
    private static String primitive(Object value) {
        if (value instanceof String text) {
            return escape(text);
        }
        if (value instanceof Number number) {
            double d = number.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return "";
            }
            String digits = JsValues.numberText(number);
            return Math.abs(d) < 1e21 ? digits : escape(digits);
        }
        if (value instanceof Boolean bool) {
            return bool.toString();
        }
        return "";
    }

    private static String unescape(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length() && isHex(text.charAt(i + 1)) && isHex(text.charAt(i + 2))) {
                bytes.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                byte[] encoded = String.valueOf(c == '+' ? ' ' : c).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0 && c < 0x80;
    }

    /** Lone surrogates (which Node refuses to encode) become U+FFFD. */
    private static String wellFormed(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else {
                out.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return out.toString();
    }
}
