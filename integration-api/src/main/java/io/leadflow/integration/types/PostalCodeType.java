package io.leadflow.integration.types;

import io.leadflow.integration.TypedValue;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Postal codes of the US ({@code 78704-1234}), Canada ({@code Q2E 4U7}) and the UK ({@code A1 1AA}), tried in that
 * order on the trimmed value, ignoring case; the normal form is upper-cased. Components {@code country_code},
 * {@code code} (the matched text) and the country's parts; anything else is invalid.
 */
final class PostalCodeType implements FieldType {

    private record Country(String code, Pattern pattern, List<String> parts, Function<Matcher, String> normal) {
    }

    private static final int ZIP_DIGITS = 5;
    private static final List<Country> COUNTRIES = List.of(
            new Country("US", Pattern.compile("^(?<code>(?<zip>\\d{5})\\s*-?\\s*(?<four>\\d{4})?)$"),
                    List.of("zip", "four"),
                    match -> match.group("zip") + (match.group("four") == null ? "" : "-" + match.group("four"))),
            new Country("CA", Pattern.compile("^(?<code>(?<fsa>(?<district>[a-z])[0-9][a-z])\\s*(?<ldu>[0-9][a-z][0-9]))$",
                    Pattern.CASE_INSENSITIVE),
                    List.of("fsa", "district", "ldu"),
                    match -> match.group("fsa") + " " + match.group("ldu")),
            new Country("GB", Pattern.compile("^(?<code>(?<outcode>[a-z]{1,2}[0-9]{1,2}[a-z0-9]?)\\s*(?<incode>[0-9][a-z]{2}))$",
                    Pattern.CASE_INSENSITIVE),
                    List.of("outcode", "incode"),
                    match -> match.group("outcode") + " " + match.group("incode")));

    @Override
    public String name() {
        return "postal_code";
    }

    @Override
    public TypedValue parse(Object input) {
        String raw = InputText.of(input);
        if (InputText.isStructured(input)) {
            return new TypedValue(name(), raw, raw, false, Map.of());
        }
        String trimmed = raw.strip();
        if (isFiveDigitZip(trimmed)) {
            return fiveDigitZip(raw, trimmed);
        }
        for (Country country : COUNTRIES) {
            Matcher match = country.pattern().matcher(trimmed);
            if (match.matches()) {
                Map<String, Object> components = new HashMap<>();
                components.put("country_code", country.code());
                components.put("code", upperCase(match.group("code")));
                country.parts().forEach(part -> components.put(part, upperCase(match.group(part))));
                return new TypedValue(name(), raw, upperCase(country.normal().apply(match)), true, components);
            }
        }
        return new TypedValue(name(), raw, raw, false, Map.of());
    }

    private static boolean isFiveDigitZip(String text) {
        if (text.length() != ZIP_DIGITS) {
            return false;
        }
        for (int i = 0; i < ZIP_DIGITS; i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** The usual value, five digits, as the US pattern reads it: {@code code} and {@code zip} are the value. */
    private TypedValue fiveDigitZip(String raw, String zip) {
        Map<String, Object> components = new HashMap<>();
        components.put("country_code", "US");
        components.put("code", zip);
        components.put("zip", zip);
        components.put("four", null);
        return new TypedValue(name(), raw, zip, true, components);
    }

    private static String upperCase(String text) {
        return text == null ? null : text.toUpperCase(Locale.ROOT);
    }
}
