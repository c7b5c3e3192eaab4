package io.leadflow.integration;

import java.util.Map;

/**
 * A value parsed by a field type: what the source sent ({@code raw}), its normal form (String, Long, Double or
 * Boolean), whether it is valid, and its components (phone {@code area}, email {@code domain}, ...). Integrations
 * send the normal form of a valid value and the raw form of an invalid one.
 *
 * <p>A sensitive value (ssn, credential) travels sealed: raw, normal and components are masked, and {@code sealed}
 * holds the original encrypted; the platform opens it only to render a request. {@code sealed} is null otherwise.
 */
public record TypedValue(String type, String raw, Object normal, boolean valid, Map<String, Object> components,
                         String sealed) {

    public TypedValue {
        components = components == null ? Map.of() : java.util.Collections.unmodifiableMap(components);
    }

    /** A value that is not sealed. */
    public TypedValue(String type, String raw, Object normal, boolean valid, Map<String, Object> components) {
        this(type, raw, normal, valid, components, null);
    }

    /** The value an integration sends: the normal form when valid, else what the source sent. */
    public Object outboundValue() {
        return valid ? normal : raw;
    }

    /** A component, or {@code raw}, {@code valid} or {@code normal} by those names; null when absent. */
    public Object part(String name) {
        return switch (name) {
            case "raw" -> raw;
            case "valid" -> valid;
            case "normal" -> normal;
            default -> components.get(name);
        };
    }

    @Override
    public String toString() {
        Object value = outboundValue();
        return value == null ? "" : value.toString();
    }
}
