package io.leadflow.integration.types;

import io.leadflow.integration.TypedValue;
import java.util.HashMap;
import java.util.Map;

/**
 * US social security numbers: the digits of the value must be exactly nine ({@code 123-45-6789} is valid); the normal
 * form is those nine digits. Maskable: parsing sets {@code masked} false, {@link Masking} stars it.
 */
final class SsnType implements FieldType {

    @Override
    public String name() {
        return "ssn";
    }

    @Override
    public TypedValue parse(Object input) {
        String raw = InputText.of(input);
        String digits = digits(raw);
        Map<String, Object> components = new HashMap<>();
        components.put("masked", false);
        if (digits.length() != 9 || InputText.isStructured(input)) {
            return new TypedValue(name(), raw, raw, false, components);
        }
        components.put("first_three", digits.substring(0, 3));
        components.put("middle_two", digits.substring(3, 5));
        components.put("last_four", digits.substring(5));
        return new TypedValue(name(), raw, digits, true, components);
    }

    private static String digits(String text) {
        StringBuilder digits = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                digits.append(text.charAt(i));
            }
        }
        return digits.toString();
    }
}
