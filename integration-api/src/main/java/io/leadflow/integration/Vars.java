package io.leadflow.integration;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The variables a module runs with: a tree of maps whose leaves are plain values (String, Long, Double, Boolean,
 * List, null) or {@link TypedValue}s. Keys may themselves contain dots ({@code json_property: {"a.b": 1}}), so
 * lookups accept both nesting and dotted keys. Immutable.
 */
public final class Vars {

    private static final Vars EMPTY = new Vars(Map.of());

    private final Map<String, Object> tree;

    private Vars(Map<String, Object> tree) {
        this.tree = Collections.unmodifiableMap(tree);
    }

    public static Vars empty() {
        return EMPTY;
    }

    /** Variables from a tree of maps (keys may be dotted). */
    public static Vars of(Map<String, ?> tree) {
        return new Vars(new LinkedHashMap<>(tree));
    }

    /** Variables from dot paths to values, nested at every dot: {@code json_property.a.b} to {@code {json_property: {a: {b: …}}}}. */
    public static Vars fromPaths(Map<String, ?> paths) {
        Map<String, Object> tree = new LinkedHashMap<>();
        paths.forEach((path, value) -> put(tree, path.split("\\."), 0, value));
        return new Vars(tree);
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> tree, String[] segments, int index, Object value) {
        String key = segments[index];
        if (index == segments.length - 1) {
            tree.put(key, value);
            return;
        }
        Object child = tree.get(key);
        if (!(child instanceof Map)) {
            child = new LinkedHashMap<String, Object>();
            tree.put(key, child);
        }
        put((Map<String, Object>) child, segments, index + 1, value);
    }

    public Map<String, Object> asMap() {
        return tree;
    }

    /** The value at a dot path, or null. */
    public Object get(String path) {
        return find(tree, path);
    }

    /** The text of the value at a path (a typed value's outbound form), empty when absent or blank. */
    public Optional<String> text(String path) {
        Object value = get(path);
        if (value instanceof TypedValue typed) {
            value = typed.outboundValue();
        }
        if (value == null || value instanceof Map) {
            return Optional.empty();
        }
        String text = value.toString();
        return text.isBlank() ? Optional.empty() : Optional.of(text);
    }

    /** The value at a path read as a boolean (true, t, yes, y, 1, in any case), or the default when absent. */
    public boolean flag(String path, boolean defaultValue) {
        Object value = get(path);
        if (value instanceof TypedValue typed) {
            value = typed.valid() ? typed.normal() : typed.raw();
        }
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Boolean bool) {
            return bool;
        }
        String text = value.toString().trim().toLowerCase(Locale.ROOT);
        return List.of("true", "t", "yes", "y", "1").contains(text);
    }

    /**
     * Every leaf under a group such as {@code json_property}, keyed by its dot path relative to the group, in the
     * order given: {@code {a: {b: 1}, "c.d": 2}} gives {@code {"a.b": 1, "c.d": 2}}. Lists and typed values are leaves.
     */
    public Map<String, Object> group(String name) {
        Map<String, Object> leaves = new LinkedHashMap<>();
        Object group = get(name);
        if (group instanceof Map<?, ?> map) {
            flatten(map, "", leaves);
        }
        return leaves;
    }

    private static void flatten(Map<?, ?> map, String prefix, Map<String, Object> leaves) {
        map.forEach((key, value) -> {
            String path = prefix + key;
            if (value instanceof Map<?, ?> child && !child.isEmpty()) {
                flatten(child, path + ".", leaves);
            } else {
                leaves.put(path, value);
            }
        });
    }

    private static Object find(Map<?, ?> tree, String path) {
        if (tree.containsKey(path)) {
            return tree.get(path);
        }
        int dot = path.indexOf('.');
        while (dot > 0) {
            Object child = tree.get(path.substring(0, dot));
            if (child instanceof Map<?, ?> map) {
                Object found = find(map, path.substring(dot + 1));
                if (found != null) {
                    return found;
                }
            }
            dot = path.indexOf('.', dot + 1);
        }
        return null;
    }

    @Override
    public String toString() {
        return "Vars" + tree.keySet();
    }
}
