package io.leadflow.integration;

/**
 * One variable a module reads (request variables) or appends (response variables). {@code name} is a dot path
 * into the variables and may end in a wildcard ({@code header.*}); {@code type} is a field type name, or
 * {@code wildcard}; {@code defaultValue} is what the module uses when the variable is absent (null: nothing).
 */
public record VariableSpec(String name, String type, boolean required, String defaultValue, String description) {

    public static VariableSpec required(String name, String type, String description) {
        return new VariableSpec(name, type, true, null, description);
    }

    public static VariableSpec optional(String name, String type, String description) {
        return new VariableSpec(name, type, false, null, description);
    }

    public static VariableSpec optional(String name, String type, String defaultValue, String description) {
        return new VariableSpec(name, type, false, defaultValue, description);
    }

    public boolean isWildcard() {
        return name.endsWith("*");
    }

    /** Whether a variable named {@code variable} (a dot path) is declared by this spec. */
    public boolean covers(String variable) {
        if (isWildcard()) {
            String prefix = name.substring(0, name.length() - 1);
            return variable.startsWith(prefix) && variable.length() > prefix.length();
        }
        return name.equals(variable);
    }
}
