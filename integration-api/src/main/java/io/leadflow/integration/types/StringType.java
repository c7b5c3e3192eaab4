package io.leadflow.integration.types;

import io.leadflow.integration.TypedValue;
import java.util.Map;

/** Text as sent: always valid for text, numbers and booleans; other shapes are kept as their string form, invalid. */
final class StringType implements FieldType {

    @Override
    public String name() {
        return "string";
    }

    @Override
    public TypedValue parse(Object input) {
        String text = InputText.of(input);
        return new TypedValue(name(), text, text, !InputText.isStructured(input), Map.of());
    }
}
