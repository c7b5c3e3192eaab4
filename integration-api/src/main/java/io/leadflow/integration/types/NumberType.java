package io.leadflow.integration.types;

import io.leadflow.integration.TypedValue;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Numbers: numbers pass; text keeps only {@code -}, digits and {@code .} and reads the leading number
 * ({@code $1,100 per month} is 1100). The normal form is a Long when integral, else a Double. Blank, non-numeric,
 * boolean or structured input is invalid; its normal form is then the raw text (LeadConduit's is NaN).
 */
final class NumberType implements FieldType {

    private static final Pattern LEADING_NUMBER = Pattern.compile("^-?(?:\\d+(?:\\.\\d*)?|\\.\\d+)");

    @Override
    public String name() {
        return "number";
    }

    @Override
    public TypedValue parse(Object input) {
        String raw = InputText.of(input);
        double value = valueOf(input, raw);
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return new TypedValue(name(), raw, raw, false, Map.of());
        }
        return new TypedValue(name(), raw, NumberForm.of(value), true, Map.of());
    }

    private static double valueOf(Object input, String raw) {
        if (input instanceof Number number) {
            return number.doubleValue();
        }
        if (input instanceof Boolean || InputText.isStructured(input)) {
            return Double.NaN;
        }
        Matcher leading = LEADING_NUMBER.matcher(raw.replaceAll("[^-0-9.]", ""));
        return leading.find() ? Double.parseDouble(leading.group()) : Double.NaN;
    }
}
