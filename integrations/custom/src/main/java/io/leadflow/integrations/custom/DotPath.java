package io.leadflow.integrations.custom;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Paths into parsed JSON (maps, lists, scalars) the two ways LeadConduit reads them: lodash {@code _.get} for the
 * outcome search path, and {@code dot-wild} (with {@code *} wildcards) for reason, price and reference paths.
 */
final class DotPath {

    /** A quoted key in brackets ({@code ["a.b"]}, escapes allowed); the empty key before {@code .} or {@code []}. */
    private static final String QUOTED_KEY = "([\"'])((?:(?!\\2)[^\\\\]|\\\\.)*?)\\2";
    private static final String EMPTY_KEY = "(?=(?:\\.|\\[\\])(?:\\.|\\[\\]|$))";
    private static final Pattern LODASH_PROPERTY = Pattern.compile(
            "[^.\\[\\]]+|\\[(?:([^\"'][^\\[]*)|" + QUOTED_KEY + ")\\]|" + EMPTY_KEY);
    private static final Pattern LODASH_DEEP = Pattern.compile(
            "\\.|\\[(?:[^\\[\\]]*|([\"'])(?:(?!\\1)[^\\\\]|\\\\.)*?\\1)\\]");
    private static final Pattern WILD_PROPERTY = Pattern.compile(
            "[^\\[\\]]+|\\[(?:(-?\\d+(?:\\.\\d+)?)|" + QUOTED_KEY + ")\\]|" + EMPTY_KEY);
    private static final Pattern ESCAPE = Pattern.compile("\\\\(\\\\)?");
    private static final String WILDCARD = "*";

    private DotPath() {
    }

    /** lodash {@code _.get(doc, path)}: a key that exists as written wins over a dotted walk; null when absent. */
    static Object get(Object doc, String path) {
        if (doc instanceof Map<?, ?> map && map.containsKey(path)) {
            return map.get(path);
        }
        List<String> keys = isDeep(path) ? lodashKeys(path) : List.of(path);
        Object current = doc;
        for (String key : keys) {
            current = property(current, key);
            if (current == null) {
                return null;
            }
        }
        return current;
    }

    /**
     * {@code dot-wild} {@code get(doc, path)}: every segment must match; a path with a {@code *} that matched gives
     * the list of all matches, any other path the first match; null when a segment matches nothing.
     */
    static Object wildGet(Object doc, String path) {
        if (path == null || path.isEmpty()) {
            return null;
        }
        List<String> tokens = wildTokens(path);
        List<Object> context = List.of(doc);
        boolean wildcard = false;
        for (String token : tokens) {
            List<Object> next = new ArrayList<>();
            for (Object item : context) {
                collectMatches(item, token, next);
            }
            if (next.isEmpty()) {
                return null;
            }
            wildcard |= WILDCARD.equals(token);
            context = next;
        }
        return wildcard ? context : context.get(0);
    }

    private static void collectMatches(Object item, String token, List<Object> into) {
        if (!JsValues.truthy(item)) {
            return;
        }
        Double number = integralNumber(token);
        if (item instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                if (WILDCARD.equals(token) || number != null && number == i) {
                    into.add(list.get(i));
                }
            }
        } else if (item instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                if (WILDCARD.equals(token) || key.equals(token)) {
                    into.add(value);
                }
            });
        }
    }

    private static Object property(Object target, String key) {
        if (target instanceof Map<?, ?> map) {
            return map.get(key);
        }
        if (target instanceof List<?> list) {
            if ("length".equals(key)) {
                return (long) list.size();
            }
            boolean inRange = JsValues.isArrayIndex(key) && Long.parseLong(key) < list.size();
            return inRange ? list.get(Integer.parseInt(key)) : null;
        }
        if (target instanceof String text) {
            if ("length".equals(key)) {
                return (long) text.length();
            }
            return JsValues.isArrayIndex(key) && Long.parseLong(key) < text.length()
                    ? String.valueOf(text.charAt(Integer.parseInt(key))) : null;
        }
        return null;
    }

    private static boolean isDeep(String path) {
        return !path.matches("\\w*") && LODASH_DEEP.matcher(path).find();
    }

    private static List<String> lodashKeys(String path) {
        List<String> keys = new ArrayList<>();
        if (path.startsWith(".")) {
            keys.add("");
        }
        Matcher matcher = LODASH_PROPERTY.matcher(path);
        while (matcher.find()) {
            if (matcher.group(2) != null) {
                keys.add(ESCAPE.matcher(matcher.group(3)).replaceAll("$1"));
            } else {
                keys.add(matcher.group(1) != null ? matcher.group(1) : matcher.group());
            }
        }
        return keys;
    }

    private static List<String> wildTokens(String path) {
        List<String> tokens = new ArrayList<>();
        for (String segment : splitUnescapedDots(path)) {
            Matcher matcher = WILD_PROPERTY.matcher(segment);
            while (matcher.find()) {
                if (matcher.group(2) != null) {
                    tokens.add(ESCAPE.matcher(matcher.group(3)).replaceAll("$1"));
                } else {
                    tokens.add(matcher.group(1) != null ? matcher.group(1) : matcher.group());
                }
            }
        }
        return tokens;
    }

    /** {@code a\.b.c} is the two segments {@code a.b} and {@code c}. */
    private static List<String> splitUnescapedDots(String path) {
        List<String> segments = new ArrayList<>();
        List<String> escaped = new ArrayList<>();
        for (String part : path.split("\\.", -1)) {
            if (part.endsWith("\\")) {
                escaped.add(part.substring(0, part.length() - 1));
            } else if (!escaped.isEmpty()) {
                segments.add(String.join(".", escaped) + "." + part);
                escaped.clear();
            } else {
                segments.add(part);
            }
        }
        return segments;
    }

    /** {@code Number(token)} when it is an integer ({@code "1"}, {@code " 2 "}, {@code "0x1f"}, {@code ""}). */
    private static Double integralNumber(String token) {
        double value = JsValues.toNumber(token);
        return value == Math.rint(value) && !Double.isInfinite(value) ? value : null;
    }
}
