package io.leadflow.integration.framework;

import io.leadflow.integration.TypedValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * LeadConduit's {@code stripMetadata}: the variables as the lead a user wants delivered (by e-mail, for example):
 * flow, source, account, submission, recipient and timing metadata dropped, every {@code .outcome}, {@code .reason}
 * and {@code .billable} dropped, {@code lead.*} moved up a level, typed values in their normal form.
 */
public final class DeliverableLead {

    private static final List<Pattern> METADATA = List.of("^timestamp$", "^timeout_seconds$", "^random$", "^flow\\.",
            "^source\\.", "^account\\.", "^lead\\.id", "^recipient\\.", "^submission\\.", "\\.outcome$", "\\.reason$",
            "\\.billable$").stream().map(Pattern::compile).toList();

    private DeliverableLead() {
    }

    /**
     * The deliverable lead of {@code vars} (a tree of maps); {@code extraExcludes} are more names to drop, each matched
     * as a whole word anywhere in a dotted name ({@code cc} drops {@code cc}, not {@code accept}).
     */
    public static Map<String, Object> strip(Map<String, ?> vars, List<String> extraExcludes) {
        List<Pattern> excludes = new ArrayList<>(METADATA);
        extraExcludes.forEach(name -> excludes.add(Pattern.compile("\\b" + Pattern.quote(name) + "\\b")));
        Map<String, Object> flat = new LinkedHashMap<>();
        flatten(vars, "", flat);
        Map<String, Object> stripped = new LinkedHashMap<>();
        flat.forEach((path, value) -> {
            if (excludes.stream().noneMatch(pattern -> pattern.matcher(path).find())) {
                put(stripped, path.replaceFirst("^lead\\.", "").split("\\."), normal(value));
            }
        });
        return stripped;
    }

    private static Object normal(Object value) {
        return value instanceof TypedValue typed ? typed.outboundValue() : value;
    }

    private static void flatten(Map<?, ?> tree, String prefix, Map<String, Object> flat) {
        tree.forEach((key, value) -> {
            String path = prefix + key;
            if (value instanceof Map<?, ?> child && !child.isEmpty()) {
                flatten(child, path + ".", flat);
            } else if (value instanceof List<?> items && !items.isEmpty()) {
                for (int i = 0; i < items.size(); i++) {
                    flatten(Map.of(String.valueOf(i), items.get(i) == null ? "" : items.get(i)), path + ".", flat);
                }
            } else {
                flat.put(path, value);
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> tree, String[] segments, Object value) {
        Map<String, Object> node = tree;
        for (int i = 0; i < segments.length - 1; i++) {
            Object child = node.get(segments[i]);
            if (!(child instanceof Map)) {
                child = new LinkedHashMap<String, Object>();
                node.put(segments[i], child);
            }
            node = (Map<String, Object>) child;
        }
        node.put(segments[segments.length - 1], value);
    }
}
