package io.leadflow.integration.types;

import io.leadflow.integration.TypedValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hides sensitive values (ssn, dob, credential: those whose {@code masked} component is false) by starring every
 * character of the normal form, the raw form and every component; {@code valid} is kept and {@code masked} becomes
 * true. A date of birth shows {@code **}/{@code **}/YYYY and keeps {@code year} and {@code age}.
 */
public final class Masking {

    private static final String MASKED = "masked";
    private static final String VALID = "valid";

    private Masking() {
    }

    /** The value masked if it is maskable and not masked yet, else the value itself. */
    public static TypedValue mask(TypedValue value) {
        if (!Boolean.FALSE.equals(value.components().get(MASKED))) {
            return value;
        }
        Map<String, Object> components = new LinkedHashMap<>();
        if (isDateOfBirth(value.components())) {
            String hidden = hiddenDateOfBirth(value.components());
            components.putAll(value.components());
            components.put(MASKED, true);
            return new TypedValue(value.type(), hidden, hidden, value.valid(), components);
        }
        value.components().forEach((name, component) -> components.put(name, starred(component)));
        components.put(MASKED, true);
        String raw = (String) starred(value.raw());
        return new TypedValue(value.type(), raw, starred(value.normal()), value.valid(), components);
    }

    /**
     * Masks every maskable value inside lead data: parsed values, and maps (normalised values) whose {@code masked}
     * entry is false; other maps and lists are searched, anything else is returned as it is.
     */
    public static Object mask(Object data) {
        if (data instanceof TypedValue value) {
            return mask(value);
        }
        if (data instanceof List<?> items) {
            return items.stream().map(Masking::mask).toList();
        }
        if (data instanceof Map<?, ?> map) {
            boolean maskable = Boolean.FALSE.equals(map.get(MASKED));
            Map<Object, Object> masked = new LinkedHashMap<>();
            if (maskable && isDateOfBirth(map)) {
                masked.putAll(map);
                masked.put("normal", hiddenDateOfBirth(map));
                masked.put("raw", hiddenDateOfBirth(map));
            } else {
                map.forEach((name, entry) ->
                        masked.put(name, maskable && !VALID.equals(name) ? starred(entry) : mask(entry)));
            }
            if (maskable) {
                masked.put(MASKED, true);
            }
            return masked;
        }
        return data;
    }

    private static boolean isDateOfBirth(Map<?, ?> components) {
        return components.get("year") != null && components.get("age") != null;
    }

    private static String hiddenDateOfBirth(Map<?, ?> components) {
        return "**/**/" + components.get("year");
    }

    /** Every character of text or a number as {@code *}, a boolean as one {@code *}, deeply; null stays null. */
    private static Object starred(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Boolean) {
            return "*";
        }
        if (value instanceof List<?> items) {
            return items.stream().map(Masking::starred).toList();
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> starred = new LinkedHashMap<>();
            map.forEach((name, entry) -> starred.put(name, VALID.equals(name) ? entry : starred(entry)));
            return starred;
        }
        return starredText(InputText.of(value));
    }

    /** Each character (a code point, so a surrogate pair is one) as {@code *}; line terminators are kept. */
    private static String starredText(String text) {
        StringBuilder starred = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
            int codePoint = text.codePointAt(i);
            starred.append(isLineTerminator(codePoint) ? (char) codePoint : '*');
        }
        return starred.toString();
    }

    private static boolean isLineTerminator(int codePoint) {
        return codePoint == '\n' || codePoint == '\r' || codePoint == 0x85 || codePoint == 0x2028 || codePoint == 0x2029;
    }
}
