package io.leadflow.integration.types;

import io.leadflow.integration.TypedValue;
import java.util.Map;

/**
 * Names and cities ({@code first_name}, {@code last_name}, {@code city}): text is kept exactly as sent and is valid;
 * anything that was not sent as text (a number, a boolean, a structure) is kept as its string form, invalid.
 */
final class PlainTextType implements FieldType {

    private final String name;

    PlainTextType(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public TypedValue parse(Object input) {
        String text = InputText.of(input);
        return new TypedValue(name, text, text, InputText.isText(input), Map.of());
    }
}
