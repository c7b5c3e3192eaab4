package io.leadflow.integrations.phone;

import com.google.i18n.phonenumbers.PhoneNumberToCarrierMapper;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.google.i18n.phonenumbers.geocoding.PhoneNumberOfflineGeocoder;
import io.leadflow.integration.HandleOutbound;
import io.leadflow.integration.IntegrationEvent;
import io.leadflow.integration.OutboundTransport;
import io.leadflow.integration.Outcome;
import io.leadflow.integration.VariableSpec;
import io.leadflow.integration.Vars;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * {@code phone.outbound.lookup}: checks a phone number offline with libphonenumber and its carrier, geocoder and time
 * zone data, and appends whether it is valid, its line type, carrier, place and time zones. Sends nothing anywhere.
 */
public final class PhoneLookupOutbound implements HandleOutbound {

    static final String INVALID = "Invalid phone number";
    private static final String UNKNOWN_TIME_ZONE = "Etc/Unknown";

    private final PhoneNumberToCarrierMapper carriers = PhoneNumberToCarrierMapper.getInstance();
    private final PhoneNumberOfflineGeocoder places = PhoneNumberOfflineGeocoder.getInstance();
    private final PhoneNumberToTimeZonesMapper timeZones = PhoneNumberToTimeZonesMapper.getInstance();

    @Override
    public String id() {
        return "phone.outbound.lookup";
    }

    @Override
    public List<VariableSpec> requestVariables() {
        return List.of(PhoneInput.PHONE, PhoneInput.REGION);
    }

    @Override
    public List<VariableSpec> responseVariables() {
        return List.of(
                VariableSpec.optional("valid", "boolean", "Whether the number is a valid number of its country"),
                VariableSpec.optional("line_type", "string", "mobile, fixed_line, fixed_line_or_mobile, voip, "
                        + "toll_free, premium_rate, shared_cost, personal_number, pager, uan, voicemail or unknown"),
                VariableSpec.optional("carrier", "string", "The carrier the number was allocated to, where the data "
                        + "has it (mostly mobile numbers outside North America)"),
                VariableSpec.optional("region", "string", "Where the number is: city, state or country"),
                VariableSpec.optional("time_zone", "string", "Its time zone (America/Chicago), when it has only one"),
                VariableSpec.optional("time_zones", "array", "All the time zones it may be in (a country's, for a mobile or toll-free number)"),
                VariableSpec.optional("country_code", "string", "Its country (US, DE), as a phone field's country_code"),
                VariableSpec.optional("country_calling_code", "number", "Its calling code (1, 49)"),
                VariableSpec.optional("e164", "string", "The number in E.164 form (+15127891111)"));
    }

    @Override
    public Optional<String> validate(Vars vars) {
        return PhoneInput.validate(vars);
    }

    @Override
    public CompletableFuture<IntegrationEvent> handle(Vars vars, OutboundTransport transport) {
        return CompletableFuture.completedFuture(lookup(vars));
    }

    /** The event for these variables: success for a valid number, failure (valid false) for any other. */
    IntegrationEvent lookup(Vars vars) {
        Optional<PhoneNumber> parsed = PhoneInput.parse(vars);
        if (parsed.isEmpty()) {
            return new IntegrationEvent(Outcome.FAILURE, INVALID, null, null, Map.of("valid", false));
        }
        PhoneNumber number = parsed.get();
        boolean valid = PhoneInput.PHONE_NUMBERS.isValidNumber(number);
        Map<String, Object> appended = new LinkedHashMap<>();
        appended.put("valid", valid);
        String country = PhoneInput.PHONE_NUMBERS.getRegionCodeForNumber(number);
        if (valid) {
            appended.put("line_type", lineType(PhoneInput.PHONE_NUMBERS.getNumberType(number)));
            putIfPresent(appended, "carrier", carriers.getNameForValidNumber(number, Locale.ENGLISH));
            putIfPresent(appended, "region", places.getDescriptionForValidNumber(number, Locale.ENGLISH));
            List<String> zones = timeZones.getTimeZonesForNumber(number).stream()
                    .filter(zone -> !zone.equals(UNKNOWN_TIME_ZONE)).toList();
            if (zones.size() == 1) {
                appended.put("time_zone", zones.get(0));
            }
            if (!zones.isEmpty()) {
                appended.put("time_zones", zones);
            }
        }
        if (country != null && !country.equals("ZZ")) {
            appended.put("country_code", country);
        }
        appended.put("country_calling_code", (long) number.getCountryCode());
        if (valid) {
            appended.put("e164", PhoneInput.PHONE_NUMBERS.format(number, PhoneNumberFormat.E164));
        }
        return new IntegrationEvent(valid ? Outcome.SUCCESS : Outcome.FAILURE, valid ? null : INVALID, null, null,
                appended);
    }

    /** libphonenumber's type in lower snake case: {@code FIXED_LINE} to {@code fixed_line}. */
    static String lineType(PhoneNumberType type) {
        return type.name().toLowerCase(Locale.ROOT);
    }

    private static void putIfPresent(Map<String, Object> appended, String name, String value) {
        if (value != null && !value.isBlank()) {
            appended.put(name, value);
        }
    }
}
