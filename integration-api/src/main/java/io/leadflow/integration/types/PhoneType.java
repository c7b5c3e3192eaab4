package io.leadflow.integration.types;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.leadflow.integration.TypedValue;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Phone numbers, read by libphonenumber with US as the default region. A trailing hint h, w, c or m sets
 * {@code type}; {@code *} are masked digits, kept in every output and always valid. The normal form is the national
 * number plus {@code x<extension>}. A parseable number that is not valid has area {@code ***}, as in LeadConduit.
 */
final class PhoneType implements FieldType {

    private static final PhoneNumberUtil PHONE_NUMBERS = PhoneNumberUtil.getInstance();
    private static final Set<String> TOLL_FREE_AREAS = Set.of("800", "844", "855", "866", "877", "888");
    private static final String DEFAULT_REGION = "US";
    private static final int NANP_CALLING_CODE = 1;
    private static final int NANP_DIGITS = 10;
    /** Longer text than this is left to libphonenumber, which also refuses text that is far too long. */
    private static final int LONGEST_PLAIN_NANP_TEXT = 20;
    private static final String PLAIN_NANP_SEPARATORS = " -.()";

    @Override
    public String name() {
        return "phone";
    }

    @Override
    public TypedValue parse(Object input) {
        String text = InputText.of(input);
        String type = null;
        int hintLetter = typeHintLetter(text);
        if (hintLetter >= 0) {
            type = switch (text.charAt(hintLetter)) {
                case 'h' -> "home";
                case 'w' -> "work";
                default -> "mobile";
            };
            int hintStart = hintLetter > 0 && text.charAt(hintLetter - 1) == '(' ? hintLetter - 1 : hintLetter;
            text = text.substring(0, hintStart).strip();
        }
        PhoneNumber number = InputText.isStructured(input) ? null : phoneNumber(text);
        if (number == null) {
            Map<String, Object> components = new HashMap<>();
            if (type != null) {
                components.put("type", type);
            }
            return new TypedValue(name(), text, text, false, components);
        }
        return decompose(text, number, new DigitMask(text), type);
    }

    /**
     * Where the letter of a type hint (h, w, c or m, maybe in parentheses) ending the text is, as
     * {@code [(]?([hwcm])[)]?$} finds it ({@code $} also matches before one final line break); -1 when there is none.
     */
    private static int typeHintLetter(String text) {
        int end = text.length();
        if (text.endsWith("\r\n")) {
            end -= 2;
        } else if (end > 0 && isLineTerminator(text.charAt(end - 1))) {
            end--;
        }
        int letter = end > 0 && text.charAt(end - 1) == ')' ? end - 2 : end - 1;
        return letter >= 0 && "hwcm".indexOf(text.charAt(letter)) >= 0 ? letter : -1;
    }

    private static boolean isLineTerminator(char c) {
        return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }

    private static PhoneNumber phoneNumber(String text) {
        PhoneNumber plain = plainNanpNumber(text);
        if (plain != null) {
            return plain;
        }
        try {
            return PHONE_NUMBERS.parse(text.replace('*', '0'), DEFAULT_REGION);
        } catch (NumberParseException e) {
            return null;
        }
    }

    /**
     * The number in the most common shape, ten digits (the first 2-9) set apart by nothing but spaces, dashes, dots
     * and parentheses, built as libphonenumber's parser would build it for the US; null for any other text.
     */
    static PhoneNumber plainNanpNumber(String text) {
        if (text.length() > LONGEST_PLAIN_NANP_TEXT) {
            return null;
        }
        long nationalNumber = 0;
        int digits = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                if (digits == 0 && c < '2' || ++digits > NANP_DIGITS) {
                    return null;
                }
                nationalNumber = nationalNumber * 10 + (c - '0');
            } else if (PLAIN_NANP_SEPARATORS.indexOf(c) < 0) {
                return null;
            }
        }
        return digits == NANP_DIGITS
                ? new PhoneNumber().setCountryCode(NANP_CALLING_CODE).setNationalNumber(nationalNumber)
                : null;
    }

    /**
     * Whether libphonenumber's {@code isValidNumber} holds, checking the US alone first: it finds a NANP number's
     * region by trying the US first (US numbers need no leading digits), so a number valid there is valid.
     */
    private static boolean isValid(PhoneNumber number) {
        return number.getCountryCode() == NANP_CALLING_CODE
                && PHONE_NUMBERS.isValidNumberForRegion(number, DEFAULT_REGION)
                || PHONE_NUMBERS.isValidNumber(number);
    }

    private TypedValue decompose(String raw, PhoneNumber number, DigitMask mask, String type) {
        int callingCode = number.getCountryCode();
        String region = PHONE_NUMBERS.getRegionCodeForCountryCode(callingCode);
        String national = PHONE_NUMBERS.getNationalSignificantNumber(number);
        boolean validNumber = isValid(number);
        // Every valid NANP number has a 3-digit area code; libphonenumber finds it by formatting the number, which
        // costs more than the rest of the parse, so the common case skips that.
        int areaLength = callingCode == NANP_CALLING_CODE && validNumber && national.length() == 10
                ? 3
                : PHONE_NUMBERS.getLengthOfNationalDestinationCode(number);
        String subscriber = national.substring(areaLength);
        String extension = number.hasExtension() && !number.getExtension().isEmpty() ? number.getExtension() : null;
        String extensionSuffix = extension == null ? "" : "x" + extension;

        // libphonenumber finds no area code in numbers it cannot format, so LeadConduit shows "***" for them.
        String area = areaLength > 0
                ? beforeExtension(mask.apply(national + extensionSuffix)).substring(0, areaLength)
                : "***";
        national = beforeExtension(mask.apply(national + extensionSuffix));
        subscriber = beforeExtension(mask.apply(subscriber + extensionSuffix));
        if (callingCode == NANP_CALLING_CODE && subscriber.length() > 7) {
            subscriber = subscriber.substring(0, 7);
        }
        if (extension != null) {
            extension = mask.apply(extensionSuffix).substring(1);
        }

        Map<String, Object> components = new HashMap<>();
        components.put("area", area);
        if (callingCode == NANP_CALLING_CODE) {
            components.put("exchange", subscriber.substring(0, Math.min(3, subscriber.length())));
            components.put("line", subscriber.substring(Math.min(3, subscriber.length())));
        }
        components.put("number", subscriber);
        components.put("extension", extension);
        components.put("country_code", region);
        components.put("country_calling_code", (long) callingCode);
        components.put("type", type);
        components.put("is_tollfree", TOLL_FREE_AREAS.contains(area));
        if (mask.hasMaskedDigits()) {
            components.put("masked", true);
        }
        String normal = extension == null ? national : national + "x" + extension;
        boolean valid = mask.hasMaskedDigits() || validNumber;
        return new TypedValue(name(), raw, normal, valid, components);
    }

    private static String beforeExtension(String number) {
        int marker = number.indexOf('x');
        return marker < 0 ? number : number.substring(0, marker);
    }

    /**
     * Where the source masked digits with {@code *}, counted from the end of its digits and {@code x} so that an
     * optional country code in front does not shift them; applying it stars the same positions of a number.
     */
    private static final class DigitMask {

        /** The source's digits, {@code x} and {@code *}; empty when it masked none. */
        private final String digits;

        DigitMask(String phone) {
            digits = phone.indexOf('*') < 0 ? "" : digitsXAndStars(phone);
        }

        private static String digitsXAndStars(String phone) {
            StringBuilder kept = new StringBuilder(phone.length());
            for (int i = 0; i < phone.length(); i++) {
                char c = phone.charAt(i);
                if (c >= '0' && c <= '9' || c == 'x' || c == '*') {
                    kept.append(c);
                }
            }
            return kept.toString();
        }

        boolean hasMaskedDigits() {
            return !digits.isEmpty();
        }

        /** The text with the masked positions, counted from its end, starred. */
        String apply(String text) {
            if (!hasMaskedDigits()) {
                return text;
            }
            StringBuilder masked = new StringBuilder(text);
            for (int fromEnd = 0; fromEnd < Math.min(text.length(), digits.length()); fromEnd++) {
                if (digits.charAt(digits.length() - 1 - fromEnd) == '*') {
                    masked.setCharAt(text.length() - 1 - fromEnd, '*');
                }
            }
            return masked.toString();
        }
    }
}
