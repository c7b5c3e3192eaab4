package io.leadflow.integration.types;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.leadflow.integration.TypedValue;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Phone numbers, read by libphonenumber with US as the default region. A trailing hint h, w, c or m sets
 * {@code type}; {@code *} are masked digits, kept in every output and always valid. The normal form is the national
 * number plus {@code x<extension>}. A parseable number that is not valid has area {@code ***}, as in LeadConduit.
 */
final class PhoneType implements FieldType {

    private static final PhoneNumberUtil PHONE_NUMBERS = PhoneNumberUtil.getInstance();
    private static final Pattern NOT_DIGIT_X_OR_STAR = Pattern.compile("[^x\\d*]");
    private static final Pattern TYPE_HINT = Pattern.compile("[(]?([hwcm])[)]?$");
    private static final Set<String> TOLL_FREE_AREAS = Set.of("800", "844", "855", "866", "877", "888");
    private static final String DEFAULT_REGION = "US";
    private static final int NANP_CALLING_CODE = 1;

    @Override
    public String name() {
        return "phone";
    }

    @Override
    public TypedValue parse(Object input) {
        String text = InputText.of(input);
        String type = null;
        Matcher hint = TYPE_HINT.matcher(text);
        if (hint.find()) {
            type = switch (hint.group(1)) {
                case "h" -> "home";
                case "w" -> "work";
                default -> "mobile";
            };
            text = text.substring(0, hint.start()).strip();
        }
        PhoneNumber number = InputText.isStructured(input) ? null : phoneNumber(text.replace('*', '0'));
        if (number == null) {
            Map<String, Object> components = new HashMap<>();
            if (type != null) {
                components.put("type", type);
            }
            return new TypedValue(name(), text, text, false, components);
        }
        return decompose(text, number, new DigitMask(text), type);
    }

    private static PhoneNumber phoneNumber(String text) {
        try {
            return PHONE_NUMBERS.parse(text, DEFAULT_REGION);
        } catch (NumberParseException e) {
            return null;
        }
    }

    private TypedValue decompose(String raw, PhoneNumber number, DigitMask mask, String type) {
        int callingCode = number.getCountryCode();
        String region = PHONE_NUMBERS.getRegionCodeForCountryCode(callingCode);
        String national = PHONE_NUMBERS.getNationalSignificantNumber(number);
        boolean validNumber = PHONE_NUMBERS.isValidNumber(number);
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

        private final String digits;

        DigitMask(String phone) {
            digits = NOT_DIGIT_X_OR_STAR.matcher(phone).replaceAll("");
        }

        boolean hasMaskedDigits() {
            return digits.indexOf('*') >= 0;
        }

        /** The text with the masked positions, counted from its end, starred. */
        String apply(String text) {
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
