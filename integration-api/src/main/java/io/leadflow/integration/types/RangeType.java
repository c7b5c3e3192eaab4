package io.leadflow.integration.types;

import io.leadflow.integration.TypedValue;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A numeric range such as an age or income bracket: {@code 1 - 10}, {@code 1 to 10} and {@code 1 10} normalise to
 * {@code 1-10}, {@code 10+} to {@code 10+}; a single number keeps its text. Components {@code min}, {@code max},
 * {@code avg} (two decimals) and {@code mid} (integer part of the mean). ISO dates and times become epoch millis.
 */
final class RangeType implements FieldType {

    private static final Pattern ISO_DATE_OR_TIME =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}(?:T\\d{2}:\\d{2}:\\d{2}\\.\\d{1,3}Z)?");
    private static final Pattern LAST_DASH_OR_FIRST_TO = Pattern.compile("(.+)-|to");
    private static final Pattern OPEN_ENDED = Pattern.compile("(-?\\d+(?:\\.\\d+)?)\\s*\\+");
    private static final Pattern BOUNDED = Pattern.compile("(-?\\d+(?:\\.\\d+)?)\\s+(\\d+(?:\\.\\d+)?)");
    private static final FieldType NUMBER = new NumberType();

    @Override
    public String name() {
        return "range";
    }

    @Override
    public TypedValue parse(Object input) {
        String raw = InputText.of(input);
        if (InputText.isStructured(input)) {
            return single(raw, raw, NUMBER.parse(input));
        }
        String text = datesAsEpochMillis(raw);
        String sanitized = separatorsAsSpace(text).replaceAll("[^-0-9 .+]", "");
        Matcher openEnded = OPEN_ENDED.matcher(sanitized);
        if (openEnded.find()) {
            double min = Double.parseDouble(openEnded.group(1));
            return range(raw, NumberForm.text(min) + "+", NumberForm.of(min), null, null, null);
        }
        Matcher bounded = BOUNDED.matcher(sanitized);
        if (bounded.find()) {
            double min = Double.parseDouble(bounded.group(1));
            double max = Double.parseDouble(bounded.group(2));
            double mean = (min + max) / 2;
            double avg = Double.isFinite(mean) ? new BigDecimal(mean).setScale(2, RoundingMode.HALF_UP).doubleValue() : mean;
            return range(raw, NumberForm.text(min) + "-" + NumberForm.text(max),
                    NumberForm.of(min), NumberForm.of(max), NumberForm.of(avg), NumberForm.of((long) mean));
        }
        return single(raw, text, NUMBER.parse(text));
    }

    /** Replaces the first two ISO dates or times in the text with their epoch millis, joined by a dash. */
    private static String datesAsEpochMillis(String text) {
        Matcher dates = ISO_DATE_OR_TIME.matcher(text);
        List<String> millis = new ArrayList<>();
        while (dates.find() && millis.size() < 2) {
            millis.add(epochMillis(dates.group()));
        }
        return millis.isEmpty() ? text : String.join("-", millis);
    }

    private static String epochMillis(String isoDateOrTime) {
        try {
            Instant instant = isoDateOrTime.length() == 10
                    ? LocalDate.parse(isoDateOrTime).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(isoDateOrTime);
            return Long.toString(instant.toEpochMilli());
        } catch (DateTimeParseException e) {
            return "NaN";
        }
    }

    /** Turns the separator into a space: everything up to the last dash keeps its text, else the first "to" goes. */
    private static String separatorsAsSpace(String text) {
        Matcher separator = LAST_DASH_OR_FIRST_TO.matcher(text);
        if (!separator.find()) {
            return text;
        }
        String before = separator.group(1) == null ? "" : separator.group(1);
        return text.substring(0, separator.start()) + before + " " + text.substring(separator.end());
    }

    private TypedValue single(String raw, String text, TypedValue number) {
        Object value = number.valid() ? number.normal() : null;
        return new TypedValue(name(), raw, text, number.valid(), bounds(value, value, value, value));
    }

    private TypedValue range(String raw, String normal, Object min, Object max, Object avg, Object mid) {
        return new TypedValue(name(), raw, normal, true, bounds(min, max, avg, mid));
    }

    private static Map<String, Object> bounds(Object min, Object max, Object avg, Object mid) {
        Map<String, Object> bounds = new HashMap<>();
        bounds.put("min", min);
        bounds.put("max", max);
        bounds.put("avg", avg);
        bounds.put("mid", mid);
        return bounds;
    }
}
