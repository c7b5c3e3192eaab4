package io.leadflow.enhancement.domain;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Time-to-live texts: {@code 30d}, {@code 12h}, {@code 15m}, {@code 90s} or ISO-8601 ({@code P30D}); shown the short way. */
public final class ListTtl {

    private static final Pattern SHORT = Pattern.compile("(\\d{1,9})\\s*([dhms])");

    private ListTtl() {
    }

    /** The duration, empty when the text is neither form or not positive. */
    public static Optional<Duration> parse(String text) {
        String trimmed = text.trim().toLowerCase(java.util.Locale.ROOT);
        Matcher shortForm = SHORT.matcher(trimmed);
        Duration duration;
        if (shortForm.matches()) {
            long amount = Long.parseLong(shortForm.group(1));
            duration = switch (shortForm.group(2)) {
                case "d" -> Duration.ofDays(amount);
                case "h" -> Duration.ofHours(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofSeconds(amount);
            };
        } else {
            try {
                duration = Duration.parse(trimmed.toUpperCase(java.util.Locale.ROOT));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        return duration.isNegative() || duration.isZero() ? Optional.empty() : Optional.of(duration);
    }

    /** {@code 30d}, {@code 12h}, {@code 15m} or {@code 90s}: the largest unit that divides it. */
    public static String format(Duration ttl) {
        long seconds = ttl.toSeconds();
        if (seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds % 3_600 == 0) {
            return seconds / 3_600 + "h";
        }
        return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }
}
