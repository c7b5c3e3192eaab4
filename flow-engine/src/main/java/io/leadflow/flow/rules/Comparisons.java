package io.leadflow.flow.rules;

import io.leadflow.integration.TypedValue;
import io.leadflow.integration.types.FieldTypes;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * How rule operators read values: blank, true/false, equality and order across numbers, dates/times and text
 * (case-insensitive), list members, between bounds and patterns. A typed value counts by its normal form when valid,
 * else by what the source sent; a right-hand text is read as the left field's type when it parses.
 */
final class Comparisons {

    private static final Set<String> TRUE_WORDS = Set.of("true", "t", "yes", "y", "1");
    private static final Set<String> FALSE_WORDS = Set.of("false", "f", "no", "n", "0");
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern ISO_DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}.*");
    private static final Pattern NUMBER_RANGE =
            Pattern.compile("\\s*(-?\\d+(?:\\.\\d+)?)\\s*-\\s*(-?\\d+(?:\\.\\d+)?)\\s*");
    private static final Pattern WORD_RANGE = Pattern.compile("(.+?)(?:\\.\\.|\\s+to\\s+)(.+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern SLASHED = Pattern.compile("/(.*)/([a-z]*)", Pattern.DOTALL);
    private static final int MAX_CACHED_PATTERNS = 256;
    private static final Map<String, Pattern> PATTERNS = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Pattern> eldest) {
            return size() > MAX_CACHED_PATTERNS;
        }
    };

    private Comparisons() {
    }

    /** What a value counts as: a typed value's normal form when valid, else its raw form. */
    static Object plain(Object value) {
        return value instanceof TypedValue typed ? typed.outboundValue() : value;
    }

    static boolean blank(Object value) {
        Object plain = plain(value);
        if (plain instanceof Collection<?> collection) {
            return collection.isEmpty();
        }
        if (plain instanceof Map<?, ?> map) {
            return map.isEmpty();
        }
        return plain == null || plain.toString().isBlank();
    }

    /** True or false when the value reads as one (true/t/yes/y/1, false/f/no/n/0, in any case), else empty. */
    static Optional<Boolean> truth(Object value) {
        Object plain = plain(value);
        if (plain instanceof Boolean bool) {
            return Optional.of(bool);
        }
        if (blank(plain) || plain instanceof Collection || plain instanceof Map) {
            return Optional.empty();
        }
        String word = plain.toString().trim().toLowerCase(Locale.ROOT);
        if (TRUE_WORDS.contains(word)) {
            return Optional.of(true);
        }
        return FALSE_WORDS.contains(word) ? Optional.of(false) : Optional.empty();
    }

    /** A right-hand value read as the left value's field type (a state name as its code, a date in any format). */
    static Object like(Object left, Object right) {
        Object plain = plain(right);
        if (left instanceof TypedValue typed && plain instanceof String text && !text.isBlank()) {
            return FieldTypes.find(typed.type()).map(type -> type.parse(text))
                    .filter(parsed -> parsed.valid() && parsed.normal() != null)
                    .<Object>map(TypedValue::normal).orElse(text);
        }
        return plain;
    }

    static boolean equal(Object left, Object right) {
        Object a = plain(left);
        Object b = like(left, right);
        if (blank(a) || blank(b)) {
            return blank(a) && blank(b);
        }
        if (a instanceof Collection<?> items) {
            List<?> others = b instanceof Collection<?> list ? new ArrayList<>(list) : List.of(b);
            List<?> mine = new ArrayList<>(items);
            if (mine.size() != others.size()) {
                return false;
            }
            for (int i = 0; i < mine.size(); i++) {
                if (!equal(mine.get(i), others.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Boolean || b instanceof Boolean) {
            return truth(a).isPresent() && truth(a).equals(truth(b));
        }
        Optional<Integer> order = order(a, b);
        return order.map(sign -> sign == 0).orElseGet(() -> text(a).equals(text(b)));
    }

    /**
     * Negative, zero or positive when both values are numbers, both dates/times, or both other text (compared
     * case-insensitively); empty when either is blank or they are of different kinds.
     */
    static Optional<Integer> order(Object left, Object right) {
        Object a = plain(left);
        Object b = like(left, right);
        if (blank(a) || blank(b) || !isScalar(a) || !isScalar(b)) {
            return Optional.empty();
        }
        Optional<BigDecimal> numberA = number(a);
        Optional<BigDecimal> numberB = number(b);
        if (numberA.isPresent() || numberB.isPresent()) {
            return numberA.isPresent() && numberB.isPresent()
                    ? Optional.of(numberA.get().compareTo(numberB.get())) : Optional.empty();
        }
        Optional<Instant> timeA = instant(a);
        Optional<Instant> timeB = instant(b);
        if (timeA.isPresent() || timeB.isPresent()) {
            return timeA.isPresent() && timeB.isPresent()
                    ? Optional.of(timeA.get().compareTo(timeB.get())) : Optional.empty();
        }
        return Optional.of(Integer.signum(text(a).compareTo(text(b))));
    }

    /** The items of a list right-hand value, or of a comma-separated text (a quoted item may contain commas). */
    static List<Object> members(Object right) {
        Object plain = plain(right);
        if (plain instanceof Collection<?> collection) {
            return new ArrayList<>(collection);
        }
        if (blank(plain)) {
            return List.of();
        }
        List<Object> items = new ArrayList<>();
        StringBuilder item = new StringBuilder();
        boolean quoted = false;
        for (char c : plain.toString().toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                items.add(item.toString().trim());
                item.setLength(0);
            } else {
                item.append(c);
            }
        }
        items.add(item.toString().trim());
        return items;
    }

    /**
     * The two bounds of {@code is between}: a two-item list, or text {@code a..b}, {@code a to b}, or {@code a-b}
     * when both are numbers; empty when the value is none of these.
     */
    static Optional<List<Object>> bounds(Object right) {
        Object plain = plain(right);
        if (plain instanceof Collection<?> collection) {
            return collection.size() == 2 && collection.stream().noneMatch(Comparisons::blank)
                    ? Optional.of(new ArrayList<>(collection)) : Optional.empty();
        }
        if (!(plain instanceof String text)) {
            return Optional.empty();
        }
        Matcher numbers = NUMBER_RANGE.matcher(text);
        if (numbers.matches()) {
            return Optional.of(List.of(numbers.group(1), numbers.group(2)));
        }
        Matcher words = WORD_RANGE.matcher(text.trim());
        if (words.matches() && !words.group(1).isBlank() && !words.group(2).isBlank()) {
            return Optional.of(List.of(words.group(1).trim(), words.group(2).trim()));
        }
        return Optional.empty();
    }

    /**
     * A pattern from {@code /regex/flags} (flags g, i, m, s, u; case-sensitive unless {@code i}) or a plain regex
     * (case-insensitive, like every text comparison of the rules).
     */
    static Pattern pattern(String rhv) throws PatternSyntaxException {
        synchronized (PATTERNS) {
            Pattern cached = PATTERNS.get(rhv);
            if (cached != null) {
                return cached;
            }
        }
        Pattern compiled = compile(rhv);
        synchronized (PATTERNS) {
            PATTERNS.put(rhv, compiled);
        }
        return compiled;
    }

    private static Pattern compile(String rhv) {
        Matcher slashed = SLASHED.matcher(rhv.trim());
        if (!slashed.matches()) {
            return Pattern.compile(rhv, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        }
        int flags = 0;
        for (char flag : slashed.group(2).toCharArray()) {
            flags |= switch (flag) {
                case 'g' -> 0;
                case 'i' -> Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
                case 'm' -> Pattern.MULTILINE;
                case 's' -> Pattern.DOTALL;
                case 'u' -> Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS;
                default -> throw new PatternSyntaxException("unknown flag '" + flag + "' (allowed: g, i, m, s, u)",
                        rhv, rhv.lastIndexOf(flag));
            };
        }
        return Pattern.compile(slashed.group(1), flags);
    }

    /** The text a value compares by: trimmed and lower-cased. */
    static String text(Object value) {
        return Templates.text(plain(value)).trim().toLowerCase(Locale.ROOT);
    }

    private static boolean isScalar(Object value) {
        return !(value instanceof Collection) && !(value instanceof Map) && !(value instanceof Boolean);
    }

    private static Optional<BigDecimal> number(Object value) {
        if (!(value instanceof Number) && !(value instanceof String)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BigDecimal(value.toString().trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** An ISO-8601 date (midnight UTC) or date-time (UTC unless it names an offset). */
    private static Optional<Instant> instant(Object value) {
        if (value instanceof Instant instant) {
            return Optional.of(instant);
        }
        String text = value.toString().trim();
        try {
            if (ISO_DATE.matcher(text).matches()) {
                return Optional.of(LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC));
            }
            if (ISO_DATE_TIME.matcher(text).matches()) {
                String iso = text.replace(' ', 'T');
                return Optional.of(iso.endsWith("Z") || iso.matches(".*[+-]\\d{2}:?\\d{2}$")
                        ? OffsetDateTime.parse(iso.replaceAll("([+-]\\d{2})(\\d{2})$", "$1:$2")).toInstant()
                        : LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC));
            }
        } catch (DateTimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
