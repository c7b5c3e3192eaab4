package io.leadflow.integration.types;

import io.leadflow.integration.TypedValue;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Yes/no answers: y, yes, true, t, 1 are true and n, no, false, f, 0 are false, ignoring case and anything but
 * letters and digits; numbers 1 and 0 and booleans pass. Anything else is false and invalid.
 */
final class BooleanType implements FieldType {

    private static final Set<String> TRUE_WORDS = Set.of("y", "yes", "true", "t", "1");
    private static final Set<String> FALSE_WORDS = Set.of("n", "no", "false", "f", "0");

    @Override
    public String name() {
        return "boolean";
    }

    @Override
    public TypedValue parse(Object input) {
        String raw = InputText.of(input);
        if (input instanceof Boolean answer) {
            return answer(raw, answer, true);
        }
        if (input instanceof Number number) {
            double value = number.doubleValue();
            return value == 1 || value == 0 ? answer(raw, value == 1, true) : answer(raw, false, false);
        }
        String word = raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        if (TRUE_WORDS.contains(word)) {
            return answer(raw, true, true);
        }
        return answer(raw, false, FALSE_WORDS.contains(word));
    }

    private TypedValue answer(String raw, boolean answer, boolean valid) {
        return new TypedValue(name(), raw, answer, valid, Map.of());
    }
}
