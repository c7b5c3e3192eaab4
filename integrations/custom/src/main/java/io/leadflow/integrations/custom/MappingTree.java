package io.leadflow.integrations.custom;

import io.leadflow.integration.TypedValue;
import io.leadflow.integration.VariableSpec;
import io.leadflow.integration.Vars;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.gcardone.junidecode.Junidecode;

/**
 * A mapping group ({@code json_property.*}, {@code form_field.*}, ...) turned into the tree a request body is built
 * from, as LeadConduit's {@code normalize} and {@code compact} do: dot paths nested (numeric segments make arrays),
 * typed values in their outbound form, optionally transliterated to ASCII, and falsy array items dropped.
 */
final class MappingTree {

    static final VariableSpec SEND_ASCII = VariableSpec.optional("send_ascii", "boolean", "false",
            "Transliterate values to ASCII (Mêl becomes Mel, ß becomes ss) for legacy recipients");

    private static final long MAX_ARRAY_INDEX = 4_294_967_294L;

    private MappingTree() {
    }

    /** An array as dot paths build it: indexes may have gaps, which {@link #compact} closes. */
    record SparseArray(TreeMap<Long, Object> items) {

        SparseArray() {
            this(new TreeMap<>());
        }
    }

    static boolean sendAscii(Vars vars) {
        return vars.flag(SEND_ASCII.name(), false);
    }

    /** The group a wildcard variable names: {@code json_property} for {@code json_property.*}. */
    static String groupName(VariableSpec wildcard) {
        return wildcard.name().substring(0, wildcard.name().length() - ".*".length());
    }

    /** {@code normalize(vars.<group>, send_ascii)}: the group's leaves nested by their dot paths, values normalised. */
    static Map<String, Object> normalize(Vars vars, VariableSpec group, boolean ascii) {
        return normalizeObject(vars.group(groupName(group)), ascii);
    }

    /** One value normalised: maps are unflattened, lists and leaves normalised item by item. */
    static Object normalize(Object value, boolean ascii) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> object = new LinkedHashMap<>();
            map.forEach((key, child) -> object.put(String.valueOf(key), child));
            return normalizeObject(object, ascii);
        }
        if (value instanceof List<?> list) {
            SparseArray array = new SparseArray();
            for (int i = 0; i < list.size(); i++) {
                array.items().put((long) i, normalize(list.get(i), ascii));
            }
            return array;
        }
        if (value instanceof SparseArray array) {
            SparseArray normalised = new SparseArray();
            array.items().forEach((index, item) -> normalised.items().put(index, normalize(item, ascii)));
            return normalised;
        }
        return outboundValue(value, ascii);
    }

    private static Map<String, Object> normalizeObject(Map<String, Object> flat, boolean ascii) {
        Map<String, Object> nested = unflatten(flat);
        nested.replaceAll((key, child) -> normalize(child, ascii));
        return nested;
    }

    /** A typed value's normal form when valid, else its raw form; text transliterated when {@code ascii}. */
    private static Object outboundValue(Object value, boolean ascii) {
        Object plain = value instanceof TypedValue typed ? typed.outboundValue() : value;
        return ascii && plain instanceof String text ? Junidecode.unidecode(text) : plain;
    }

    /**
     * {@code flat.unflatten} (v1): each key split at dots; a segment that JavaScript reads as a number makes the
     * container it indexes an array (and on an object becomes that number's text); a path through a value that is
     * not a container is dropped, as are non-index keys on arrays.
     */
    static Map<String, Object> unflatten(Map<String, Object> flat) {
        Map<String, Object> result = new LinkedHashMap<>();
        flat.forEach((path, value) -> {
            String[] segments = path.split("\\.", -1);
            Object recipient = result;
            for (int i = 0; i < segments.length - 1 && recipient != null; i++) {
                Object child = get(recipient, segments[i]);
                if (child == null) {
                    child = isNumeric(segments[i + 1]) ? new SparseArray() : new LinkedHashMap<String, Object>();
                    put(recipient, segments[i], child);
                }
                recipient = child instanceof Map || child instanceof SparseArray ? child : null;
            }
            if (recipient != null) {
                put(recipient, segments[segments.length - 1], value);
            }
        });
        return result;
    }

    /**
     * lodash {@code compact}, applied to every array in the tree: null, false, 0, NaN and empty text are removed
     * and gaps close up; arrays become lists.
     */
    static Object compact(Object value) {
        if (value instanceof SparseArray array) {
            return compactItems(array.items().values());
        }
        if (value instanceof List<?> list) {
            return compactItems(list);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> object = new LinkedHashMap<>();
            map.forEach((key, child) -> object.put(String.valueOf(key), compact(child)));
            return object;
        }
        return value;
    }

    private static List<Object> compactItems(Iterable<?> items) {
        List<Object> compacted = new ArrayList<>();
        for (Object item : items) {
            if (JsValues.truthy(item)) {
                compacted.add(compact(item));
            }
        }
        return compacted;
    }

    /**
     * {@code flat.flatten}: nested objects become dot paths in JavaScript's key order. With {@code keepArrays}
     * ({@code safe: true}) arrays are leaves; without, their items are paths too ({@code a.0}), gaps skipped.
     */
    static Map<String, Object> flatten(Map<String, Object> tree, boolean keepArrays) {
        Map<String, Object> flat = new LinkedHashMap<>();
        flattenInto(tree, null, keepArrays, flat);
        return flat;
    }

    private static void flattenInto(Object value, String prefix, boolean keepArrays, Map<String, Object> flat) {
        children(value, keepArrays).forEach((key, child) -> {
            String path = prefix == null ? key : prefix + "." + key;
            if (children(child, keepArrays).isEmpty()) {
                flat.put(path, child);
            } else {
                flattenInto(child, path, keepArrays, flat);
            }
        });
    }

    private static Map<String, Object> children(Object value, boolean keepArrays) {
        Map<String, Object> children = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, child) -> children.put(String.valueOf(key), child));
            return JsValues.inPropertyOrder(children);
        }
        if (!keepArrays && value instanceof SparseArray array) {
            array.items().forEach((index, item) -> children.put(String.valueOf(index), item));
        } else if (!keepArrays && value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                children.put(String.valueOf(i), list.get(i));
            }
        }
        return children;
    }

    private static boolean isNumeric(String segment) {
        return !Double.isNaN(JsValues.toNumber(segment));
    }

    private static Object get(Object container, String segment) {
        if (container instanceof SparseArray array) {
            Long index = arrayIndex(segment);
            return index == null ? null : array.items().get(index);
        }
        return ((Map<?, ?>) container).get(objectKey(segment));
    }

    @SuppressWarnings("unchecked")
    private static void put(Object container, String segment, Object value) {
        if (container instanceof SparseArray array) {
            Long index = arrayIndex(segment);
            if (index != null) {
                array.items().put(index, value);
            }
        } else {
            ((Map<String, Object>) container).put(objectKey(segment), value);
        }
    }

    private static String objectKey(String segment) {
        return isNumeric(segment) ? JsValues.numberText(JsValues.toNumber(segment)) : segment;
    }

    private static Long arrayIndex(String segment) {
        double number = JsValues.toNumber(segment);
        return number == Math.rint(number) && number >= 0 && number <= MAX_ARRAY_INDEX ? (long) number : null;
    }
}
