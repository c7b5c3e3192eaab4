package io.leadflow.integration.types;

import io.leadflow.integration.TypedValue;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Email addresses ({@code user@host.tld}, also {@code Name <user@host.tld>}); whitespace around the dots is dropped
 * and the normal form is lower-cased, while {@code user}, {@code domain}, {@code host} and {@code tld} keep the sent
 * case. {@code is_free} covers free-mail and disposable domains, {@code is_disposable} only the latter.
 */
final class EmailType implements FieldType {

    private static final String ATOM_SYMBOLS = "!#$%&'*+/=?^_`{|}~-";
    private static final String NON_ASCII = "\\x{80}-\\x{10FFFF}";
    private static final String ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~\\-" + NON_ASCII + "]+";
    private static final Pattern LOCAL_PART = Pattern.compile("\\s*" + ATOM + "(?:\\s*\\.\\s*" + ATOM + ")*\\s*");
    private static final String LABEL =
            "[A-Za-z0-9" + NON_ASCII + "](?:[-A-Za-z0-9" + NON_ASCII + "]*[A-Za-z0-9" + NON_ASCII + "])?";
    private static final Pattern DOMAIN = Pattern.compile("\\s*" + LABEL + "(?:\\s*\\.\\s*" + LABEL + ")+\\s*");
    private static final Pattern NAMED_ADDRESS = Pattern.compile("^[^<>]*<([^<>]*)>\\s*$");
    private static final Set<String> DISPOSABLE_DOMAINS = domains("disposable-email-domains.txt");
    private static final Set<String> FREE_DOMAINS = domains("free-email-domains.txt");

    @Override
    public String name() {
        return "email";
    }

    @Override
    public TypedValue parse(Object input) {
        String raw = InputText.of(input);
        String address = raw.strip();
        if (address.indexOf('<') >= 0) {
            Matcher named = NAMED_ADDRESS.matcher(address);
            if (named.matches()) {
                address = named.group(1);
            }
        }
        int at = address.lastIndexOf('@');
        if (InputText.isStructured(input) || at < 0
                || !isLocalPart(address.substring(0, at))
                || !isDomain(address.substring(at + 1))) {
            return new TypedValue(name(), raw, raw, false, Map.of());
        }
        String user = withoutWhitespace(address.substring(0, at));
        String domain = withoutWhitespace(address.substring(at + 1));
        String tld = domain.substring(domain.lastIndexOf('.') + 1);
        String lowerCaseDomain = domain.toLowerCase(Locale.ROOT);
        boolean disposable = DISPOSABLE_DOMAINS.contains(lowerCaseDomain);

        Map<String, Object> components = new HashMap<>();
        components.put("user", user);
        components.put("domain", domain);
        components.put("host", domain.substring(0, domain.length() - tld.length() - 1));
        components.put("tld", tld);
        components.put("is_free", disposable || FREE_DOMAINS.contains(lowerCaseDomain));
        components.put("is_disposable", disposable);
        return new TypedValue(name(), raw, (user + "@" + domain).toLowerCase(Locale.ROOT), true, components);
    }

    /** As {@link #LOCAL_PART} matches it; printable ASCII, the usual address, is checked without the pattern. */
    private static boolean isLocalPart(String text) {
        if (!isPrintableAscii(text)) {
            return LOCAL_PART.matcher(text).matches();
        }
        int partStart = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '.') {
                if (i == partStart) {
                    return false;
                }
                partStart = i + 1;
            } else if (!isAtomCharacter(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** As {@link #DOMAIN} matches it; printable ASCII, the usual domain, is checked without the pattern. */
    private static boolean isDomain(String text) {
        if (!isPrintableAscii(text)) {
            return DOMAIN.matcher(text).matches();
        }
        int labelStart = 0;
        int labels = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '.') {
                boolean label = i > labelStart && isLetterOrDigit(text.charAt(labelStart))
                        && isLetterOrDigit(text.charAt(i - 1));
                if (!label) {
                    return false;
                }
                labels++;
                labelStart = i + 1;
            } else if (!isLetterOrDigit(text.charAt(i)) && text.charAt(i) != '-') {
                return false;
            }
        }
        return labels >= 2;
    }

    /** Visible ASCII characters only: no whitespace, controls or non-ASCII characters. */
    private static boolean isPrintableAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) <= ' ' || text.charAt(i) >= 0x7F) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAtomCharacter(char c) {
        return isLetterOrDigit(c) || ATOM_SYMBOLS.indexOf(c) >= 0;
    }

    private static boolean isLetterOrDigit(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }

    private static String withoutWhitespace(String text) {
        StringBuilder kept = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean whitespace = c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
            if (whitespace && kept == null) {
                kept = new StringBuilder(text.length()).append(text, 0, i);
            } else if (!whitespace && kept != null) {
                kept.append(c);
            }
        }
        return kept == null ? text : kept.toString();
    }

    private static Set<String> domains(String resource) {
        InputStream list = EmailType.class.getResourceAsStream(resource);
        if (list == null) {
            throw new IllegalStateException("Missing resource " + resource);
        }
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(list, StandardCharsets.UTF_8))) {
            return lines.lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .map(line -> line.toLowerCase(Locale.ROOT))
                    .collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
