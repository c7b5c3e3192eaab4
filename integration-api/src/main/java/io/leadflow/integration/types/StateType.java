package io.leadflow.integration.types;

import io.leadflow.integration.TypedValue;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * US states, DC, US territories and Canadian provinces: a two-letter value is looked up as an abbreviation, a longer
 * one by its name with each word capitalised ({@code texas} is {@code TX}, {@code name} Texas). An unknown value is
 * kept as sent and is still valid: a state is never invalid, except when a structure was sent.
 */
final class StateType implements FieldType {

    private static final Map<String, String> NAMES_BY_ABBREVIATION = Map.ofEntries(
            Map.entry("AB", "Alberta"), Map.entry("AK", "Alaska"), Map.entry("AL", "Alabama"),
            Map.entry("AR", "Arkansas"), Map.entry("AS", "American Samoa"), Map.entry("AZ", "Arizona"),
            Map.entry("BC", "British Columbia"), Map.entry("CA", "California"), Map.entry("CO", "Colorado"),
            Map.entry("CT", "Connecticut"), Map.entry("DC", "District of Columbia"), Map.entry("DE", "Delaware"),
            Map.entry("FL", "Florida"), Map.entry("FM", "Federated States of Micronesia FM"),
            Map.entry("GA", "Georgia"), Map.entry("GU", "Guam"), Map.entry("HI", "Hawaii"), Map.entry("IA", "Iowa"),
            Map.entry("ID", "Idaho"), Map.entry("IL", "Illinois"), Map.entry("IN", "Indiana"),
            Map.entry("KS", "Kansas"), Map.entry("KY", "Kentucky"), Map.entry("LA", "Louisiana"),
            Map.entry("MA", "Massachusetts"), Map.entry("MB", "Manitoba"), Map.entry("MD", "Maryland"),
            Map.entry("ME", "Maine"), Map.entry("MH", "Marshall Islands"), Map.entry("MI", "Michigan"),
            Map.entry("MN", "Minnesota"), Map.entry("MO", "Missouri"), Map.entry("MP", "Northern Mariana Islands"),
            Map.entry("MS", "Mississippi"), Map.entry("MT", "Montana"), Map.entry("NB", "New Brunswick"),
            Map.entry("NC", "North Carolina"), Map.entry("ND", "North Dakota"), Map.entry("NE", "Nebraska"),
            Map.entry("NH", "New Hampshire"), Map.entry("NJ", "New Jersey"),
            Map.entry("NL", "Newfoundland and Labrador"), Map.entry("NM", "New Mexico"),
            Map.entry("NS", "Nova Scotia"), Map.entry("NT", "Northwest Territories NT"), Map.entry("NU", "Nunavut NU"),
            Map.entry("NV", "Nevada"), Map.entry("NY", "New York"), Map.entry("OH", "Ohio"),
            Map.entry("OK", "Oklahoma"), Map.entry("ON", "Ontario"), Map.entry("OR", "Oregon"),
            Map.entry("PA", "Pennsylvania"), Map.entry("PE", "Prince Edward Island"), Map.entry("PR", "Puerto Rico"),
            Map.entry("PW", "Palau"), Map.entry("QC", "Quebec"), Map.entry("RI", "Rhode Island"),
            Map.entry("SC", "South Carolina"), Map.entry("SD", "South Dakota"), Map.entry("SK", "Saskatchewan"),
            Map.entry("TN", "Tennessee"), Map.entry("TX", "Texas"), Map.entry("UT", "Utah"),
            Map.entry("VA", "Virginia"), Map.entry("VI", "U.S. Virgin Islands"), Map.entry("VT", "Vermont"),
            Map.entry("WA", "Washington"), Map.entry("WI", "Wisconsin"), Map.entry("WV", "West Virginia"),
            Map.entry("WY", "Wyoming"), Map.entry("YT", "Yukon YT"));

    private static final Map<String, String> ABBREVIATIONS_BY_NAME = NAMES_BY_ABBREVIATION.entrySet().stream()
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getValue, Map.Entry::getKey));

    @Override
    public String name() {
        return "state";
    }

    @Override
    public TypedValue parse(Object input) {
        String raw = InputText.of(input);
        String abbreviation = InputText.isStructured(input) ? null : abbreviationOf(raw);
        Map<String, Object> components = new HashMap<>();
        if (abbreviation == null) {
            components.put("name", raw);
            return new TypedValue(name(), raw, raw, !InputText.isStructured(input), components);
        }
        components.put("name", NAMES_BY_ABBREVIATION.get(abbreviation));
        return new TypedValue(name(), raw, abbreviation, true, components);
    }

    private static String abbreviationOf(String text) {
        if (text.length() == 2) {
            String abbreviation = text.toUpperCase(Locale.ROOT);
            return NAMES_BY_ABBREVIATION.containsKey(abbreviation) ? abbreviation : null;
        }
        return ABBREVIATIONS_BY_NAME.get(capitalised(text));
    }

    /** Each space-separated word with its first letter upper-cased and the rest lower-cased. */
    private static String capitalised(String text) {
        return Arrays.stream(text.split(" ", -1))
                .map(word -> word.isEmpty() ? word
                        : word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1).toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(" "));
    }
}
