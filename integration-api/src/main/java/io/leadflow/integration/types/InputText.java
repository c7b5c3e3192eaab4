package io.leadflow.integration.types;

import io.leadflow.integration.TypedValue;
import java.lang.reflect.Array;
import java.util.Collection;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The text a submitted value reads as, spelled the way LeadConduit's JavaScript types stringify it so raw values
 * match: a map reads {@code [object Object]}, a list its items joined by commas, a parsed value its first raw.
 */
final class InputText {

    private static final String OBJECT_TEXT = "[object Object]";

    private InputText() {
    }

    static String of(Object input) {
        if (input == null) {
            return "";
        }
        if (input instanceof CharSequence text) {
            return text.toString();
        }
        if (input instanceof TypedValue typed) {
            return of(typed.raw() != null ? typed.raw() : typed.normal());
        }
        if (input instanceof Number number) {
            return NumberForm.text(number);
        }
        if (input instanceof Map<?, ?>) {
            return OBJECT_TEXT;
        }
        if (input instanceof Collection<?> items) {
            StringJoiner joined = new StringJoiner(",");
            items.forEach(item -> joined.add(of(item)));
            return joined.toString();
        }
        if (input.getClass().isArray()) {
            StringJoiner joined = new StringJoiner(",");
            for (int i = 0; i < Array.getLength(input); i++) {
                joined.add(of(Array.get(input, i)));
            }
            return joined.toString();
        }
        return input.toString();
    }

    /** Whether the input is a structure (map, list, array) rather than one value: such input is never valid. */
    static boolean isStructured(Object input) {
        return input instanceof Map<?, ?> || input instanceof Collection<?> || (input != null && input.getClass().isArray());
    }

    /** Whether the input was sent as text (or is a value parsed from text), not as a number, boolean or structure. */
    static boolean isText(Object input) {
        return input instanceof CharSequence || (input instanceof TypedValue typed && typed.raw() != null);
    }
}
