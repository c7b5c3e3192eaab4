package io.leadflow.integration.types;

import io.leadflow.integration.TypedValue;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Calendar dates, normal form {@code YYYY-MM-DD}. US order is tried before European, so {@code 6/2/14} is June 2
 * and {@code 18/7/14} is July 18; also {@code YYYY-MM-DD}, {@code YYYY-DD-MM}, eight digits ({@code MMDDYYYY},
 * {@code YYYYMMDD}, ...) and month names ({@code Mon Jun 02 2014}, {@code 18 July 2014}). A trailing time is ignored.
 */
final class DateType implements FieldType {

    private static final String ORDINAL = "(?:st|nd|rd|th)?";
    private static final String TRAILING_TIME = "(?:[T\\s,]+.*)?";
    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    private static final Pattern MONTH_DAY_YEAR = Pattern.compile("^(?:" + CalendarNames.WEEKDAY + ",?\\s+)?"
            + CalendarNames.MONTH + "\\.?\\s+(\\d{1,2})" + ORDINAL + ",?\\s+(\\d{4})" + TRAILING_TIME + "$", FLAGS);
    private static final Pattern DAY_MONTH_YEAR = Pattern.compile("^(?:" + CalendarNames.WEEKDAY + ",?\\s+)?"
            + "(\\d{1,2})" + ORDINAL + "\\s+" + CalendarNames.MONTH + "\\.?,?\\s+(\\d{4})" + TRAILING_TIME + "$", FLAGS);
    private static final Pattern SEPARATED = Pattern.compile(
            "^(\\d{1,4})([-/.])(\\d{1,2})\\2(\\d{1,4})" + TRAILING_TIME + "$", FLAGS);
    private static final Pattern EIGHT_DIGITS = Pattern.compile("^(\\d{8})" + TRAILING_TIME + "$", FLAGS);

    /** Orders of an eight-digit date, as offsets of year, month and day: MMDDYYYY, YYYYMMDD, DDMMYYYY, YYYYDDMM. */
    private static final List<int[]> EIGHT_DIGIT_ORDERS = List.of(
            new int[] {4, 0, 2}, new int[] {0, 4, 6}, new int[] {4, 2, 0}, new int[] {0, 6, 4});

    @Override
    public String name() {
        return "date";
    }

    @Override
    public TypedValue parse(Object input) {
        String raw = InputText.of(input);
        Optional<LocalDate> date = InputText.isStructured(input) ? Optional.empty() : localDate(raw);
        return date.map(day -> new TypedValue(name(), raw, day.toString(), true, Map.of()))
                .orElseGet(() -> new TypedValue(name(), raw, raw, false, Map.of()));
    }

    /** The date a text spells, US order first; empty when it spells none. */
    static Optional<LocalDate> localDate(String text) {
        String date = text.strip();
        String[] plainParts = plainSeparatedParts(date);
        if (plainParts != null) {
            return separated(plainParts[0], plainParts[1], plainParts[2]);
        }
        Matcher match = MONTH_DAY_YEAR.matcher(date);
        if (match.matches()) {
            return day(match.group(3), CalendarNames.monthNumber(match.group(1)), match.group(2));
        }
        match = DAY_MONTH_YEAR.matcher(date);
        if (match.matches()) {
            return day(match.group(3), CalendarNames.monthNumber(match.group(2)), match.group(1));
        }
        match = SEPARATED.matcher(date);
        if (match.matches()) {
            return separated(match.group(1), match.group(3), match.group(4));
        }
        match = EIGHT_DIGITS.matcher(date);
        if (match.matches()) {
            String digits = match.group(1);
            return EIGHT_DIGIT_ORDERS.stream()
                    .map(order -> day(digits.substring(order[0], order[0] + 4),
                            Integer.parseInt(digits.substring(order[1], order[1] + 2)),
                            digits.substring(order[2], order[2] + 2)))
                    .flatMap(Optional::stream)
                    .findFirst();
        }
        return Optional.empty();
    }

    /**
     * The three numbers of the usual date, {@code 4/12/1985}: digits, a separator (- / .), digits, the same separator
     * and digits, nothing else; as {@link #SEPARATED} reads them (no other pattern matches such text). Null otherwise.
     */
    private static String[] plainSeparatedParts(String date) {
        int firstEnd = digitsEnd(date, 0, 4);
        if (firstEnd == 0 || firstEnd == date.length() || "-/.".indexOf(date.charAt(firstEnd)) < 0) {
            return null;
        }
        char separator = date.charAt(firstEnd);
        int secondEnd = digitsEnd(date, firstEnd + 1, 2);
        if (secondEnd == firstEnd + 1 || secondEnd == date.length() || date.charAt(secondEnd) != separator) {
            return null;
        }
        int lastEnd = digitsEnd(date, secondEnd + 1, 4);
        if (lastEnd == secondEnd + 1 || lastEnd != date.length()) {
            return null;
        }
        return new String[] {
                date.substring(0, firstEnd), date.substring(firstEnd + 1, secondEnd), date.substring(secondEnd + 1)};
    }

    /** Where a run of at most {@code most} ASCII digits from {@code start} ends. */
    private static int digitsEnd(String text, int start, int most) {
        int end = start;
        while (end < text.length() && end - start < most && text.charAt(end) >= '0' && text.charAt(end) <= '9') {
            end++;
        }
        return end;
    }

    /** Year first: year-month-day, else year-day-month. Year last: month-day-year, else day-month-year. */
    private static Optional<LocalDate> separated(String first, String second, String last) {
        if (first.length() == 4 && last.length() <= 2) {
            return day(first, Integer.parseInt(second), last).or(() -> day(first, Integer.parseInt(last), second));
        }
        if (first.length() > 2 || (last.length() != 2 && last.length() != 4)) {
            return Optional.empty();
        }
        return day(last, Integer.parseInt(first), second).or(() -> day(last, Integer.parseInt(second), first));
    }

    private static Optional<LocalDate> day(String year, int month, String day) {
        try {
            return Optional.of(LocalDate.of(CalendarNames.fullYear(year), month, Integer.parseInt(day)));
        } catch (DateTimeException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
