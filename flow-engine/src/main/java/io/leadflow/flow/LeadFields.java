package io.leadflow.flow;

import io.leadflow.integration.TypedValue;
import io.leadflow.integration.types.FieldTypes;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Types what a source submitted with the flow's field types. Nested objects become dot paths
 * ({@code {"callcenter": {"hours": "9-5"}}} gives {@code callcenter.hours}); fields the flow does not define are
 * typed as string; empty values are dropped, as if they were not sent.
 */
public final class LeadFields {

    private LeadFields() {
    }

    public static Map<String, TypedValue> typed(Flow flow, Map<String, ?> submitted) {
        Map<String, Object> flat = new LinkedHashMap<>();
        flatten("", submitted, flat);
        // Sized to take every entry without growing: this runs for every lead.
        Map<String, String> typeById = new HashMap<>(flow.fields().size() * 4 / 3 + 1);
        for (FieldDefinition field : flow.fields()) {
            typeById.put(field.id(), field.type());
        }
        Map<String, TypedValue> fields = new LinkedHashMap<>(flat.size() * 4 / 3 + 1);
        flat.forEach((id, value) -> fields.put(id, FieldTypes.parse(typeById.getOrDefault(id, "string"), value)));
        return fields;
    }

    private static void flatten(String prefix, Map<String, ?> values, Map<String, Object> flat) {
        values.forEach((key, value) -> {
            String id = prefix + key;
            if (value instanceof Map<?, ?> nested) {
                @SuppressWarnings("unchecked")
                Map<String, ?> children = (Map<String, ?>) nested;
                flatten(id + ".", children, flat);
            } else if (value instanceof List<?> list && list.size() == 1) {
                flat.put(id, list.get(0));
            } else if (value != null && !(value instanceof String text && text.isEmpty())) {
                flat.put(id, value);
            }
        });
    }
}
