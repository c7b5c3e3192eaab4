package io.leadflow.integration.types;

import io.leadflow.integration.TypedValue;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Points in time, normal form ISO-8601 UTC with milliseconds ({@code 06/14/2014 6:27:33 PM} is
 * {@code 2014-06-14T18:27:33.000Z}); a zone may be given, else UTC. A date without a time is noon, as LeadConduit's
 * chrono parser implies; more than three fractional digits read as {@code .000}, as in LeadConduit.
 */
final class TimeType implements FieldType {

    private static final String ORDINAL = "(?:st|nd|rd|th)?";
    private static final String DATE = "(?:"
            + "(?<isoYear>\\d{4})-(?<isoMonth>\\d{1,2})-(?<isoDay>\\d{1,2})"
            + "|(?<slashFirst>\\d{1,2})/(?<slashSecond>\\d{1,2})/(?<slashYear>\\d{4}|\\d{2})"
            + "|(?:" + CalendarNames.WEEKDAY + ",?\\s+)?(?<usMonth>" + CalendarNames.MONTH + ")\\.?\\s+(?<usDay>\\d{1,2})"
            + ORDINAL + ",?\\s+(?<usYear>\\d{4})"
            + "|(?:" + CalendarNames.WEEKDAY + ",?\\s+)?(?<euDay>\\d{1,2})" + ORDINAL + "\\s+(?<euMonth>"
            + CalendarNames.MONTH + ")\\.?,?\\s+(?<euYear>\\d{4}))";
    private static final String TIME = "(?:(?:\\s*T\\s*|\\s*,\\s*|\\s+at\\s+|\\s+)"
            + "(?<hour>\\d{1,2})(?=:|\\s*[ap]\\.?m)"
            + "(?::(?<minute>\\d{2})(?::(?<seconds>\\d{2})(?:[.,](?<fraction>\\d+))?)?)?"
            + "(?:\\s*(?<meridiem>[ap])\\.?m\\.?)?)?";
    private static final String ZONE = "(?:\\s*(?:(?:Z|UTC|GMT)?\\s*(?<offset>[+-]\\d{2}(?::?\\d{2})?)"
            + "|(?<zoneName>Z|UTC|GMT|[ECMP][SD]T)))?(?:\\s*\\([^)]*\\))?";
    /**
     * ISO-8601, US dates and month-name dates (RFC 1123, JavaScript's Date text) with a 12- or 24-hour time, then a
     * zone: Z, GMT, UTC, an offset or a US abbreviation. Unlike chrono, no natural language ({@code tomorrow},
     * {@code next Friday at 5pm}, {@code 3 days ago}), no time without a date, no date inside other text.
     */
    private static final Pattern DATE_TIME = Pattern.compile("^\\s*" + DATE + TIME + ZONE + "\\s*$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Map<String, Integer> US_ZONE_HOURS = Map.of(
            "EST", -5, "EDT", -4, "CST", -6, "CDT", -5, "MST", -7, "MDT", -6, "PST", -8, "PDT", -7);
    private static final int IMPLIED_HOUR = 12;
    private static final DateTimeFormatter ISO_UTC_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    @Override
    public String name() {
        return "time";
    }

    @Override
    public TypedValue parse(Object input) {
        String raw = InputText.of(input);
        Optional<String> instant = InputText.isStructured(input) ? Optional.empty() : instant(raw);
        return instant.map(time -> new TypedValue(name(), raw, time, true, Map.of()))
                .orElseGet(() -> new TypedValue(name(), raw, raw, false, Map.of()));
    }

    private static Optional<String> instant(String text) {
        Matcher match = DATE_TIME.matcher(text);
        if (!match.matches()) {
            return Optional.empty();
        }
        try {
            LocalDateTime local = date(match).atTime(hour(match), number(match, "minute"), number(match, "seconds"),
                    millis(match.group("fraction")) * 1_000_000);
            return Optional.of(ISO_UTC_MILLIS.format(local.atOffset(offset(match))));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private static LocalDate date(Matcher match) {
        if (match.group("isoYear") != null) {
            return LocalDate.of(Integer.parseInt(match.group("isoYear")), number(match, "isoMonth"), number(match, "isoDay"));
        }
        if (match.group("slashYear") != null) {
            int first = number(match, "slashFirst");
            int second = number(match, "slashSecond");
            int year = CalendarNames.fullYear(match.group("slashYear"));
            return first > 12 && second <= 12 ? LocalDate.of(year, second, first) : LocalDate.of(year, first, second);
        }
        if (match.group("usYear") != null) {
            return LocalDate.of(Integer.parseInt(match.group("usYear")), CalendarNames.monthNumber(match.group("usMonth")),
                    number(match, "usDay"));
        }
        return LocalDate.of(Integer.parseInt(match.group("euYear")), CalendarNames.monthNumber(match.group("euMonth")),
                number(match, "euDay"));
    }

    private static int hour(Matcher match) {
        if (match.group("hour") == null) {
            return IMPLIED_HOUR;
        }
        int hour = number(match, "hour");
        String meridiem = match.group("meridiem");
        if (meridiem == null) {
            return hour;
        }
        if (hour < 1 || hour > 12) {
            throw new DateTimeException("Hour " + hour + " with AM/PM");
        }
        return hour % 12 + (meridiem.equalsIgnoreCase("p") ? 12 : 0);
    }

    /** Milliseconds of a fraction of a second; more than three digits read as zero, as LeadConduit does. */
    private static int millis(String fraction) {
        if (fraction == null || fraction.length() > 3) {
            return 0;
        }
        return Integer.parseInt((fraction + "00").substring(0, 3));
    }

    private static ZoneOffset offset(Matcher match) {
        String offset = match.group("offset");
        if (offset != null) {
            String digits = offset.replace(":", "");
            int minutes = digits.length() > 3 ? Integer.parseInt(digits.substring(3)) : 0;
            int hours = Integer.parseInt(digits.substring(1, 3));
            int sign = digits.charAt(0) == '-' ? -1 : 1;
            return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
        }
        String zoneName = match.group("zoneName");
        return zoneName == null
                ? ZoneOffset.UTC
                : ZoneOffset.ofHours(US_ZONE_HOURS.getOrDefault(zoneName.toUpperCase(Locale.ROOT), 0));
    }

    private static int number(Matcher match, String group) {
        String digits = match.group(group);
        return digits == null ? 0 : Integer.parseInt(digits);
    }
}
