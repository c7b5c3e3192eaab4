package io.leadflow.integration.types;

import io.leadflow.integration.TypedValue;
import java.util.HashMap;
import java.util.Map;

/** Expected parsed values for whole-value assertions; components are name/value pairs and may hold nulls. */
final class Parsed {

    private Parsed() {
    }

    static TypedValue value(String type, String raw, Object normal, boolean valid, Object... components) {
        Map<String, Object> byName = new HashMap<>();
        for (int i = 0; i < components.length; i += 2) {
            byName.put((String) components[i], components[i + 1]);
        }
        return new TypedValue(type, raw, normal, valid, byName);
    }
}
