package io.leadflow.integrations.custom;

import io.leadflow.integration.VariableSpec;
import io.leadflow.integration.Vars;
import java.util.LinkedHashMap;
import java.util.Map;

/** Form fields built from a mapping group, and a JSON or XML document "stuffed" into one form parameter. */
final class FormParameters {

    static final String CONTENT_TYPE = "application/x-www-form-urlencoded";

    private FormParameters() {
    }

    /** A mapping group as form fields: nested names joined with dots, lists kept whole (sent as repeated names). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> fields(Vars vars, VariableSpec group, boolean ascii) {
        Map<String, Object> tree = (Map<String, Object>) MappingTree.compact(MappingTree.normalize(vars, group, ascii));
        return MappingTree.flatten(tree, true);
    }

    /**
     * {@code <parameter>=<document>} (left out when the document is null), then the other parameters in order, a
     * later one of the same name replacing the value; form-encoded.
     */
    @SafeVarargs
    static String stuffed(String parameter, String document, Map<String, Object>... others) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (document != null) {
            fields.put(parameter, document);
        }
        for (Map<String, Object> more : others) {
            fields.putAll(more);
        }
        return QueryString.stringify(fields);
    }
}
