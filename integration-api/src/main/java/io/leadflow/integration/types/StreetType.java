package io.leadflow.integration.types;

import io.leadflow.integration.TypedValue;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A street address line: a first word ({@code number}) and the rest ({@code name}); a single word is invalid. */
final class StreetType implements FieldType {

    private static final Pattern NUMBER_AND_NAME = Pattern.compile("^(\\S+)\\s+(.+)$");

    @Override
    public String name() {
        return "street";
    }

    @Override
    public TypedValue parse(Object input) {
        String raw = InputText.of(input);
        String street = raw.strip();
        Matcher parts = NUMBER_AND_NAME.matcher(street);
        if (InputText.isStructured(input) || !parts.matches()) {
            return new TypedValue(name(), raw, raw, false, Map.of());
        }
        return new TypedValue(name(), raw, street, true, Map.of("number", parts.group(1), "name", parts.group(2)));
    }
}
