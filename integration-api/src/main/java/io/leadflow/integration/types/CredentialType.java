package io.leadflow.integration.types;

import io.leadflow.integration.TypedValue;
import java.util.HashMap;
import java.util.Map;

/**
 * A secret (password, API key): any value is valid as its text. It has no raw form, so nothing but the normal form
 * is ever sent. Maskable: parsing sets {@code masked} false, {@link Masking} stars it.
 */
final class CredentialType implements FieldType {

    @Override
    public String name() {
        return "credential";
    }

    @Override
    public TypedValue parse(Object input) {
        Map<String, Object> components = new HashMap<>();
        components.put("masked", false);
        return new TypedValue(name(), null, InputText.of(input), !InputText.isStructured(input), components);
    }
}
