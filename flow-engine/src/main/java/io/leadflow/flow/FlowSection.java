package io.leadflow.flow;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One mapping of a flow file being read, with its path for error messages ({@code steps[2].mappings}). */
final class FlowSection {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private final String file;
    private final String path;
    private final Map<?, ?> values;

    FlowSection(String file, String path, Object node) {
        this.file = file;
        this.path = path;
        if (!(node instanceof Map<?, ?> map)) {
            throw failure(path, "must be a mapping of keys to values");
        }
        this.values = map;
    }

    /** Refuses keys that are not allowed here, and names the ones this version does not support yet. */
    FlowSection allowOnly(Set<String> allowed, Set<String> notSupportedYet) {
        for (Object key : values.keySet()) {
            String name = String.valueOf(key);
            if (notSupportedYet.contains(name)) {
                throw failure(child(name), "is not supported by this version of Leadflow yet");
            }
            if (!allowed.contains(name)) {
                throw failure(child(name), "unknown key (allowed here: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
        return this;
    }

    boolean has(String key) {
        return values.containsKey(key);
    }

    Object raw(String key) {
        return values.get(key);
    }

    Set<?> keys() {
        return values.keySet();
    }

    String requiredText(String key) {
        String text = text(key, null);
        if (text == null || text.isBlank()) {
            throw failure(child(key), "is required");
        }
        return text;
    }

    String text(String key, String defaultValue) {
        Object value = values.get(key);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Map || value instanceof List) {
            throw failure(child(key), "must be a single value");
        }
        return value.toString();
    }

    boolean flag(String key, boolean defaultValue) {
        Object value = values.get(key);
        if (value == null) {
            return defaultValue;
        }
        if (!(value instanceof Boolean bool)) {
            throw failure(child(key), "must be true or false");
        }
        return bool;
    }

    /** A whole number of at least 1, or {@code defaultValue} when the key is absent. */
    int positiveInt(String key, int defaultValue) {
        Object value = values.get(key);
        if (value == null) {
            return defaultValue;
        }
        if (!(value instanceof Integer number) || number < 1) {
            throw failure(child(key), "must be a whole number of at least 1, not '" + value + "'");
        }
        return number;
    }

    Duration duration(String key, Duration defaultValue) {
        Object value = values.get(key);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Number seconds) {
            return Duration.ofMillis(Math.round(seconds.doubleValue() * 1000));
        }
        String text = value.toString().trim().toLowerCase(Locale.ROOT);
        Matcher matcher = DURATION.matcher(text);
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            return switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        throw failure(child(key), "must be a duration such as 500ms, 10s, 15m, 24h or 7d, not '" + value + "'");
    }

    <E extends Enum<E>> E choice(String key, Class<E> type, E defaultValue) {
        String text = text(key, null);
        if (text == null) {
            return defaultValue;
        }
        String wanted = text.trim().toUpperCase(Locale.ROOT).replace(' ', '_');
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(wanted)) {
                return constant;
            }
        }
        List<String> names = java.util.Arrays.stream(type.getEnumConstants())
                .map(constant -> constant.name().toLowerCase(Locale.ROOT)).toList();
        throw failure(child(key), "must be one of " + String.join(", ", names) + ", not '" + text + "'");
    }

    List<?> list(String key) {
        Object value = values.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw failure(child(key), "must be a list");
        }
        return list;
    }

    FlowSection section(String key) {
        return new FlowSection(file, child(key), values.get(key));
    }

    FlowSection item(String key, int index, Object node) {
        return new FlowSection(file, child(key) + "[" + index + "]", node);
    }

    String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    String path() {
        return path;
    }

    FlowDefinitionException failure(String at, String problem) {
        return new FlowDefinitionException(file + ": " + (at.isEmpty() ? "" : at + ": ") + problem);
    }
}
