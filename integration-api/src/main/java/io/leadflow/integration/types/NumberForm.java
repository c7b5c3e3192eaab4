package io.leadflow.integration.types;

import java.math.BigDecimal;
import java.math.BigInteger;

/** Numbers as normal values hold them (Long when integral, else Double) and as JavaScript prints them. */
final class NumberForm {

    private static final double LARGEST_EXACT_INTEGER = 9_007_199_254_740_992d;

    private NumberForm() {
    }

    /** The normal form of a finite number: a Long when it has no fraction, else a Double. */
    static Object of(double value) {
        if (isIntegral(value)) {
            return (long) value;
        }
        return value;
    }

    static String text(Number number) {
        if (number instanceof Long || number instanceof Integer || number instanceof Short || number instanceof Byte
                || number instanceof BigInteger) {
            return number.toString();
        }
        return text(number.doubleValue());
    }

    static String text(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        if (isIntegral(value)) {
            return Long.toString((long) value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static boolean isIntegral(double value) {
        return !Double.isInfinite(value) && value == Math.rint(value) && Math.abs(value) <= LARGEST_EXACT_INTEGER;
    }
}
