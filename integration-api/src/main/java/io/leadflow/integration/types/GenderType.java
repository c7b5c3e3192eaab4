package io.leadflow.integration.types;

import io.leadflow.integration.TypedValue;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Gender: m/male, f/female and o/other in any case become {@code male|female|other} with {@code abbr} M, F or O. */
final class GenderType implements FieldType {

    @Override
    public String name() {
        return "gender";
    }

    @Override
    public TypedValue parse(Object input) {
        String raw = InputText.of(input);
        String gender = switch (raw.strip().toLowerCase(Locale.ROOT)) {
            case "m", "male" -> "male";
            case "f", "female" -> "female";
            case "o", "other" -> "other";
            default -> null;
        };
        Map<String, Object> components = new HashMap<>();
        components.put("abbr", gender == null ? null : gender.substring(0, 1).toUpperCase(Locale.ROOT));
        return new TypedValue(name(), raw, gender == null ? raw : gender, gender != null, components);
    }
}
