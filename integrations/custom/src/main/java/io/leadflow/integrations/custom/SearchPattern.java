package io.leadflow.integrations.custom;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A search term, reason/price path or capture as LeadConduit compiles it: trimmed and lower-cased, empty meaning
 * {@code .*}, plain text or {@code /regex/flags} (g, i, m, s, y count; other letters are ignored); a term that
 * does not compile never matches.
 */
final class SearchPattern {

    private static final Pattern REGEX_LITERAL = Pattern.compile("(/?)(.+)\\1([a-z]*)", Pattern.CASE_INSENSITIVE);
    /** Terms come from flows, so few are in use: compiled once each, forgotten all at once past this many. */
    private static final int MAX_REMEMBERED = 512;
    private static final Map<String, Optional<SearchPattern>> REMEMBERED = new ConcurrentHashMap<>();

    private final Pattern pattern;
    private final boolean global;

    private SearchPattern(Pattern pattern, boolean global) {
        this.pattern = pattern;
        this.global = global;
    }

    /** The compiled expression; empty when it is not a valid regular expression (it then never matches). */
    static Optional<SearchPattern> compile(String expression) {
        String key = expression == null ? "" : expression;
        Optional<SearchPattern> known = REMEMBERED.get(key);
        if (known != null) {
            return known;
        }
        if (REMEMBERED.size() >= MAX_REMEMBERED) {
            REMEMBERED.clear();
        }
        Optional<SearchPattern> compiled = compileNow(expression);
        REMEMBERED.put(key, compiled);
        return compiled;
    }

    private static Optional<SearchPattern> compileNow(String expression) {
        String source = expression == null ? "" : JsValues.trim(expression).toLowerCase(Locale.ROOT);
        if (source.isEmpty()) {
            source = ".*";
        }
        Matcher literal = REGEX_LITERAL.matcher(source);
        if (!literal.find()) {
            return Optional.empty();
        }
        String body = literal.group(2);
        String flags = literal.group(3);
        int javaFlags = 0;
        if (flags.contains("i")) {
            javaFlags |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
        }
        if (flags.contains("m")) {
            javaFlags |= Pattern.MULTILINE;
        }
        if (flags.contains("s")) {
            javaFlags |= Pattern.DOTALL;
        }
        try {
            Pattern pattern = Pattern.compile(body, javaFlags);
            if (flags.contains("y")) {
                pattern = Pattern.compile("\\G(?:" + body + ")", javaFlags);
            }
            return Optional.of(new SearchPattern(pattern, flags.contains("g")));
        } catch (PatternSyntaxException e) {
            return Optional.empty();
        }
    }

    /** {@code text.match(regex)} is truthy. */
    boolean matches(String text) {
        return pattern.matcher(text).find();
    }

    /**
     * {@code text.match(regex)[1]}: the first capture group of the first match, or, for a {@code /g} regex (whose
     * match lists whole matches), the second whole match; null when there is none.
     */
    String firstGroup(String text) {
        Matcher matcher = pattern.matcher(text);
        if (global) {
            return matcher.find() && matcher.find() ? matcher.group() : null;
        }
        if (!matcher.find() || matcher.groupCount() < 1) {
            return null;
        }
        return matcher.group(1);
    }
}
