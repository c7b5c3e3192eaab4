package io.leadflow.integration.types;

import io.leadflow.integration.TypedValue;
import java.util.Map;

/** A street address line: a first word ({@code number}) and the rest ({@code name}); a single word is invalid. */
final class StreetType implements FieldType {

    @Override
    public String name() {
        return "street";
    }

    @Override
    public TypedValue parse(Object input) {
        String raw = InputText.of(input);
        String street = raw.strip();
        int numberEnd = 0;
        while (numberEnd < street.length() && !isWhitespace(street.charAt(numberEnd))) {
            numberEnd++;
        }
        int nameStart = numberEnd;
        while (nameStart < street.length() && isWhitespace(street.charAt(nameStart))) {
            nameStart++;
        }
        String streetName = street.substring(nameStart);
        if (InputText.isStructured(input) || nameStart == numberEnd || hasLineTerminator(streetName)) {
            return new TypedValue(name(), raw, raw, false, Map.of());
        }
        return new TypedValue(name(), raw, street, true,
                Map.of("number", street.substring(0, numberEnd), "name", streetName));
    }

    /** The characters of regex {@code \s}. */
    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    private static boolean hasLineTerminator(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                return true;
            }
        }
        return false;
    }
}
