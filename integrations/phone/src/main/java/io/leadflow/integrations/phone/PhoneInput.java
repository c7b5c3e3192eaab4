package io.leadflow.integrations.phone;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.leadflow.integration.TypedValue;
import io.leadflow.integration.VariableSpec;
import io.leadflow.integration.Vars;
import java.util.Locale;
import java.util.Optional;

/**
 * The number a phone module checks: the {@code phone} variable as the source sent it (a typed phone field gives its
 * raw text, so a number with a country code keeps it) read with {@code region} as the default country.
 */
final class PhoneInput {

    static final VariableSpec PHONE = VariableSpec.required("phone", "phone", "The phone number to check");
    static final VariableSpec REGION = VariableSpec.optional("region", "string", "US",
            "Country (ISO 3166 code) of numbers given without a country code");
    static final PhoneNumberUtil PHONE_NUMBERS = PhoneNumberUtil.getInstance();

    private PhoneInput() {
    }

    /** The number's text, or empty when the variable is absent or blank. */
    static Optional<String> text(Vars vars) {
        Object value = vars.get(PHONE.name());
        if (value instanceof TypedValue typed) {
            value = typed.raw();
        }
        if (value == null || value instanceof java.util.Map || value.toString().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(value.toString().trim());
    }

    static String region(Vars vars) {
        return vars.text(REGION.name()).map(text -> text.trim().toUpperCase(Locale.ROOT)).orElse("US");
    }

    /** The shared validation: a number is given and the default region is one libphonenumber knows. */
    static Optional<String> validate(Vars vars) {
        if (text(vars).isEmpty()) {
            return Optional.of("Phone is required");
        }
        String region = region(vars);
        if (!PHONE_NUMBERS.getSupportedRegions().contains(region)) {
            return Optional.of("Region must be a two-letter country code such as US, not '" + region + "'");
        }
        return Optional.empty();
    }

    /** The number parsed, or empty when libphonenumber cannot read it at all. */
    static Optional<PhoneNumber> parse(Vars vars) {
        try {
            return Optional.of(PHONE_NUMBERS.parse(text(vars).orElse(""), region(vars)));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }
}
