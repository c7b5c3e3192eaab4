package io.leadflow.integration.types;

import java.util.Locale;
import java.util.Map;

/** English month and weekday names as dates in leads spell them: full, three-letter, and {@code Sept}. */
final class CalendarNames {

    static final String MONTH = "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
            + "|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
    static final String WEEKDAY = "(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday)?";

    private static final Map<String, Integer> MONTH_NUMBERS = Map.ofEntries(
            Map.entry("jan", 1), Map.entry("feb", 2), Map.entry("mar", 3), Map.entry("apr", 4), Map.entry("may", 5),
            Map.entry("jun", 6), Map.entry("jul", 7), Map.entry("aug", 8), Map.entry("sep", 9), Map.entry("oct", 10),
            Map.entry("nov", 11), Map.entry("dec", 12));

    private CalendarNames() {
    }

    /** The month number (1-12) of a name matched by {@link #MONTH}. */
    static int monthNumber(String name) {
        return MONTH_NUMBERS.get(name.substring(0, 3).toLowerCase(Locale.ROOT));
    }

    /** A two-digit year as moment.js reads it: 69-99 are 1969-1999, 00-68 are 2000-2068. */
    static int fullYear(String year) {
        int value = Integer.parseInt(year);
        if (year.length() > 2) {
            return value;
        }
        return value + (value > 68 ? 1900 : 2000);
    }
}
