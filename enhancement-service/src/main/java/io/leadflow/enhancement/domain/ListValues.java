package io.leadflow.enhancement.domain;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How a value is normalised before it is hashed, so that spellings of one value meet: trimmed; an email lower-cased;
 * a phone number (digits with {@code + ( ) - .} and spaces, 7 to 15 digits) reduced to its digits; other text as is.
 */
public final class ListValues {

    private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ().-]+");
    private static final Pattern NOT_DIGIT = Pattern.compile("[^0-9]");

    private ListValues() {
    }

    public static String normalise(String value) {
        String trimmed = value.trim();
        if (trimmed.indexOf('@') > 0) {
            return trimmed.toLowerCase(Locale.ROOT);
        }
        if (PHONE.matcher(trimmed).matches()) {
            String digits = NOT_DIGIT.matcher(trimmed).replaceAll("");
            if (digits.length() >= 7 && digits.length() <= 15) {
                return digits;
            }
        }
        return trimmed;
    }
}
