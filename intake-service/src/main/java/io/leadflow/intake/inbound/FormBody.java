package io.leadflow.intake.inbound;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A form body's pairs with dotted names nested ({@code callcenter.hours=9-5} gives {@code {callcenter: {hours: …}}}),
 * as LeadConduit unflattens them; a name that is both a value and a group is unreadable.
 */
final class FormBody {

    private FormBody() {
    }

    static Map<String, Object> unflatten(Map<String, Object> pairs) throws DefaultInbound.Unreadable {
        Map<String, Object> nested = new LinkedHashMap<>();
        for (Map.Entry<String, Object> pair : pairs.entrySet()) {
            String problem = putNested(nested, pair.getKey(), pair.getValue());
            if (problem != null) {
                throw new DefaultInbound.Unreadable("Unable to parse body -- " + problem + ".");
            }
        }
        return nested;
    }

    /** Puts a dotted name as nested maps; returns what is wrong with it, or null. */
    @SuppressWarnings("unchecked")
    private static String putNested(Map<String, Object> target, String name, Object value) {
        String[] path = path(name);
        if (path.length > DefaultInbound.MAX_NESTING) {
            return name.substring(0, Math.min(name.length(), 64)) + "... is nested more than "
                    + DefaultInbound.MAX_NESTING + " levels deep";
        }
        Map<String, Object> parent = target;
        for (int i = 0; i < path.length - 1; i++) {
            Object child = parent.computeIfAbsent(path[i], key -> new LinkedHashMap<String, Object>());
            if (!(child instanceof Map<?, ?>)) {
                return String.join(".", Arrays.copyOf(path, i + 1)) + " is both a value and a group of values";
            }
            parent = (Map<String, Object>) child;
        }
        if (parent.get(path[path.length - 1]) instanceof Map<?, ?>) {
            return name + " is both a value and a group of values";
        }
        parent.put(path[path.length - 1], value);
        return null;
    }

    /** A dotted name split into its parts; a name with an empty part is kept whole. */
    private static String[] path(String name) {
        if (name.indexOf('.') < 0) {
            return new String[] {name};
        }
        String[] parts = name.split("\\.", -1);
        for (String part : parts) {
            if (part.isEmpty()) {
                return new String[] {name};
            }
        }
        return parts;
    }
}
