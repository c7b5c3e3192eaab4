package io.leadflow.integration.framework;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A person's full name in its parts, as LeadConduit's {@code parseFullname} gives them (the {@code humanname} rules):
 * a leading salutation, trailing suffixes, a last name with its particles ({@code van}, {@code de la}), the first
 * name, and the middle names between. "Last, First Middle" is read too. Missing parts are empty, never null.
 */
public record FullName(String salutation, String firstName, String middleName, String lastName, String suffix) {

    private static final Set<String> SALUTATIONS = Set.of("mr", "master", "mister", "mrs", "miss", "ms", "dr", "rev",
            "fr", "prof", "sir");
    private static final Set<String> SUFFIXES = Set.of("i", "ii", "iii", "iv", "v", "senior", "junior", "jr", "sr",
            "phd", "apr", "rph", "pe", "md", "ma", "dmd", "cme", "esq", "dds");
    private static final Set<String> PARTICLES = Set.of("vere", "von", "van", "de", "del", "della", "der", "di", "da",
            "pietro", "vanden", "du", "st", "la", "le", "lo", "ter", "dos", "das", "bin", "ibn");

    /** The parts of {@code fullname}; a blank name gives only empty parts. */
    public static FullName parse(String fullname) {
        String text = fullname == null ? "" : fullname.trim().replaceAll("\\s+", " ");
        if (text.isEmpty()) {
            return new FullName("", "", "", "", "");
        }
        String lastFirst = null;
        int comma = text.indexOf(',');
        if (comma > 0) {
            String after = text.substring(comma + 1).trim();
            boolean suffixAfterComma = !after.isEmpty()
                    && Arrays.stream(after.split(" ")).allMatch(FullName::isSuffix);
            if (!suffixAfterComma) {
                lastFirst = text.substring(0, comma).trim();
                text = after;
            } else {
                text = text.replace(",", "");
            }
        }
        List<String> words = new ArrayList<>(Arrays.asList(text.replace(",", " ").trim().split(" +")));
        String salutation = "";
        if (words.size() > 1 && SALUTATIONS.contains(key(words.get(0)))) {
            salutation = words.remove(0);
        }
        List<String> suffixes = new ArrayList<>();
        while (words.size() > (lastFirst == null ? 2 : 1) && isSuffix(words.get(words.size() - 1))) {
            suffixes.add(0, words.remove(words.size() - 1));
        }
        String suffix = String.join(" ", suffixes);
        if (lastFirst != null) {
            String first = words.isEmpty() ? "" : words.remove(0);
            return new FullName(salutation, first, String.join(" ", words), lastFirst, suffix);
        }
        if (words.size() == 1) {
            return new FullName(salutation, words.get(0), "", "", suffix);
        }
        int lastStart = words.size() - 1;
        while (lastStart > 1 && PARTICLES.contains(key(words.get(lastStart - 1)))) {
            lastStart--;
        }
        String first = words.get(0);
        String middle = String.join(" ", words.subList(1, lastStart));
        String last = String.join(" ", words.subList(lastStart, words.size()));
        return new FullName(salutation, first, middle, last, suffix);
    }

    private static boolean isSuffix(String word) {
        return SUFFIXES.contains(key(word));
    }

    private static String key(String word) {
        return word.replace(".", "").toLowerCase(Locale.ROOT);
    }
}
