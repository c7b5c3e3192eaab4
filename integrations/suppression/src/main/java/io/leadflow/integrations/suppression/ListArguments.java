package io.leadflow.integrations.suppression;

import io.leadflow.integration.TypedValue;
import io.leadflow.integration.Vars;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A step's list names and values as LeadConduit's SuppressionList reads them: from {@code list_ids | list_id |
 * list_names | list_name} and {@code values | value}, a string or a list, each item a CSV row; empties dropped; list
 * names slugged ({@code My List} → {@code my_list}).
 */
public final class ListArguments {

    static final List<String> LIST_VARIABLES = List.of("list_ids", "list_id", "list_names", "list_name");
    static final List<String> VALUE_VARIABLES = List.of("values", "value");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern NOT_WORD = Pattern.compile("[^a-z0-9_]");

    /** Items parsed from the variables, or the message saying why they cannot be. */
    record Parsed(List<String> items, String error) {

        static Parsed failed(String error) {
            return new Parsed(List.of(), error);
        }
    }

    private ListArguments() {
    }

    /** A list name as a slug: lower case, each run of whitespace an {@code _}, every other non-word character gone. */
    public static String slug(String name) {
        String lower = WHITESPACE.matcher(name.trim().toLowerCase(Locale.ROOT)).replaceAll("_");
        return NOT_WORD.matcher(lower).replaceAll("");
    }

    /** Every item of one CSV text, slugged when {@code slug}; empty when its quoting is bad. */
    public static Optional<List<String>> csvItems(String text, boolean slug) {
        return CsvRow.parse(text).map(fields -> fields.stream()
                .map(field -> slug ? slug(field) : field)
                .filter(field -> !field.isEmpty())
                .toList());
    }

    static Parsed listNames(Vars vars) {
        return parse(vars, LIST_VARIABLES, true, "invalid list name format");
    }

    static Parsed values(Vars vars) {
        return parse(vars, VALUE_VARIABLES, false, "invalid values format");
    }

    /** LeadConduit's checks, in its order: a list name, then values. */
    static Optional<String> validate(Vars vars) {
        Parsed lists = listNames(vars);
        if (lists.error() != null) {
            return Optional.of(lists.error());
        }
        if (lists.items().isEmpty()) {
            return Optional.of("a list name is required");
        }
        Parsed values = values(vars);
        if (values.error() != null) {
            return Optional.of(values.error());
        }
        if (values.items().isEmpty()) {
            return Optional.of("values must not be blank");
        }
        return Optional.empty();
    }

    private static Parsed parse(Vars vars, List<String> names, boolean slug, String badFormat) {
        for (String name : names) {
            Object value = vars.get(name);
            List<String> texts = texts(value);
            if (texts.isEmpty()) {
                continue;
            }
            List<String> items = new ArrayList<>();
            for (String text : texts) {
                Optional<List<String>> row = csvItems(text, slug);
                if (row.isEmpty()) {
                    return Parsed.failed(badFormat);
                }
                items.addAll(row.get());
            }
            return new Parsed(List.copyOf(items), null);
        }
        return new Parsed(List.of(), null);
    }

    private static List<String> texts(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().flatMap(item -> texts(item).stream()).toList();
        }
        if (value instanceof TypedValue typed) {
            value = typed.outboundValue();
        }
        if (value == null || value instanceof java.util.Map) {
            return List.of();
        }
        String text = value.toString();
        return text.isBlank() ? List.of() : List.of(text);
    }
}
