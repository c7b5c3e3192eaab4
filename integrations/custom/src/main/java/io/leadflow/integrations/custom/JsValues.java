package io.leadflow.integrations.custom;

import io.leadflow.integration.TypedValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * JavaScript's view of plain values, which LeadConduit's behaviour is defined in: truthiness, {@code String(value)},
 * number formatting, whitespace trimming and the key order of objects.
 */
final class JsValues {

    private static final String JS_WHITESPACE =
            "\t\n\u000B\f\r \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A"
                    + "\u2028\u2029\u202F\u205F\u3000\uFEFF";
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern RADIX = Pattern.compile("0([xXoObB])([0-9a-fA-F]+)");
    private static final Pattern ARRAY_INDEX = Pattern.compile("0|[1-9]\\d{0,9}");
    private static final long MAX_ARRAY_INDEX = 4_294_967_294L;

    private JsValues() {
    }

    /** A variable's text as a module reads it: a typed value's outbound form; null when absent. */
    static String string(Object value) {
        if (value instanceof TypedValue typed) {
            value = typed.outboundValue();
        }
        return value == null || value instanceof Map || value instanceof Collection ? null : text(value);
    }

    /** {@code !!value}: false for null, "", 0, NaN and false; true for everything else, objects included. */
    static boolean truthy(Object value) {
        if (value == null || value instanceof Boolean bool && !bool) {
            return false;
        }
        if (value instanceof CharSequence text) {
            return !text.isEmpty();
        }
        if (value instanceof Number number) {
            double d = number.doubleValue();
            return d != 0 && !Double.isNaN(d);
        }
        return true;
    }

    /** {@code String(value)}: arrays joined with commas (null items empty), objects {@code [object Object]}. */
    static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof TypedValue typed) {
            return text(typed.outboundValue());
        }
        if (value instanceof CharSequence) {
            return value.toString();
        }
        if (value instanceof Number number) {
            return numberText(number);
        }
        if (value instanceof Collection<?> items) {
            return items.stream().map(JsValues::text).collect(Collectors.joining(","));
        }
        if (value instanceof Map) {
            return "[object Object]";
        }
        return value.toString();
    }

    /** {@code Number.prototype.toString()}: {@code 100000}, {@code 1.5}, {@code 1e+21}, {@code 1e-7}. */
    static String numberText(Number number) {
        if (number instanceof Long || number instanceof Integer || number instanceof Short || number instanceof Byte
                || number instanceof BigInteger) {
            return number.toString();
        }
        double value = number.doubleValue();
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        if (value == 0) {
            return "0";
        }
        BigDecimal decimal = new BigDecimal(Double.toString(Math.abs(value))).stripTrailingZeros();
        String digits = decimal.unscaledValue().toString();
        int exponent = digits.length() - decimal.scale();
        String sign = value < 0 ? "-" : "";
        if (exponent >= digits.length() && exponent <= 21) {
            return sign + digits + "0".repeat(exponent - digits.length());
        }
        if (exponent > 0 && exponent <= 21) {
            return sign + digits.substring(0, exponent) + "." + digits.substring(exponent);
        }
        if (exponent > -6 && exponent <= 0) {
            return sign + "0." + "0".repeat(-exponent) + digits;
        }
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        int power = exponent - 1;
        return sign + mantissa + "e" + (power < 0 ? "-" : "+") + Math.abs(power);
    }

    /**
     * A JSON number as JavaScript holds (and prints) it: a double, given as Long when integral within 2^53, as the
     * integer JavaScript prints when integral below 1e21 ({@code 12345678901234567000}), else as Double.
     */
    static Number jsNumber(Number number) {
        double value = number.doubleValue();
        if (value != Math.rint(value) || Double.isInfinite(value)) {
            return value;
        }
        if (Math.abs(value) <= 9_007_199_254_740_992d) {
            return (long) value;
        }
        return Math.abs(value) < 1e21 ? new BigInteger(numberText(value)) : value;
    }

    /** {@code Number(text)}: blank is 0, decimal, {@code 0x}/{@code 0o}/{@code 0b} and Infinity forms; else NaN. */
    static double toNumber(String text) {
        String number = trim(text);
        if (number.isEmpty()) {
            return 0;
        }
        if (DECIMAL.matcher(number).matches()) {
            return Double.parseDouble(number);
        }
        switch (number) {
            case "Infinity", "+Infinity":
                return Double.POSITIVE_INFINITY;
            case "-Infinity":
                return Double.NEGATIVE_INFINITY;
            default:
                break;
        }
        Matcher radix = RADIX.matcher(number);
        if (radix.matches()) {
            int base = switch (Character.toLowerCase(radix.group(1).charAt(0))) {
                case 'x' -> 16;
                case 'o' -> 8;
                default -> 2;
            };
            try {
                return new BigInteger(radix.group(2), base).doubleValue();
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    /** {@code String.prototype.trim()}, with JavaScript's whitespace set. */
    static String trim(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isWhitespace(text.charAt(start))) {
            start++;
        }
        while (end > start && isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    static boolean isWhitespace(char c) {
        return JS_WHITESPACE.indexOf(c) >= 0;
    }

    /** Whether JavaScript treats the key as an array index, which objects list first in ascending order. */
    static boolean isArrayIndex(String key) {
        return ARRAY_INDEX.matcher(key).matches() && Long.parseLong(key) <= MAX_ARRAY_INDEX;
    }

    /** The entries in JavaScript's property order: array-index keys ascending, then the others as inserted. */
    static <V> Map<String, V> inPropertyOrder(Map<String, V> map) {
        List<String> indexes = new ArrayList<>();
        for (String key : map.keySet()) {
            if (isArrayIndex(key)) {
                indexes.add(key);
            }
        }
        if (indexes.isEmpty()) {
            return map;
        }
        indexes.sort((a, b) -> Long.compare(Long.parseLong(a), Long.parseLong(b)));
        Map<String, V> ordered = new LinkedHashMap<>();
        indexes.forEach(key -> ordered.put(key, map.get(key)));
        map.forEach(ordered::putIfAbsent);
        return ordered;
    }
}
