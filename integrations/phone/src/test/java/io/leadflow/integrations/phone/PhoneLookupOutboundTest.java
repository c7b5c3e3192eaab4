package io.leadflow.integrations.phone;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.integration.IntegrationEvent;
import io.leadflow.integration.Outcome;
import io.leadflow.integration.TypedValue;
import io.leadflow.integration.Vars;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PhoneLookupOutboundTest {

    /** A toll-free number may ring anywhere in the North American Numbering Plan. */
    private static final List<String> NANP_TIME_ZONES = List.of("America/Adak", "America/Anchorage",
            "America/Anguilla", "America/Antigua", "America/Barbados", "America/Boise", "America/Cayman",
            "America/Chicago", "America/Denver", "America/Dominica", "America/Edmonton", "America/Fort_Nelson",
            "America/Grand_Turk", "America/Grenada", "America/Halifax", "America/Jamaica", "America/Juneau",
            "America/Los_Angeles", "America/Lower_Princes", "America/Montserrat", "America/Nassau",
            "America/New_York", "America/North_Dakota/Center", "America/Phoenix", "America/Port_of_Spain",
            "America/Puerto_Rico", "America/Regina", "America/Santo_Domingo", "America/St_Johns", "America/St_Kitts",
            "America/St_Lucia", "America/St_Thomas", "America/St_Vincent", "America/Toronto", "America/Tortola",
            "America/Vancouver", "America/Winnipeg", "Atlantic/Bermuda", "Pacific/Guam", "Pacific/Honolulu",
            "Pacific/Pago_Pago", "Pacific/Saipan");

    private final PhoneLookupOutbound lookup = new PhoneLookupOutbound();

    static Stream<Arguments> numbers() {
        return Stream.of(
                Arguments.of("+44 7400 123456", "US", Outcome.SUCCESS, appended(
                        "valid", true, "line_type", "mobile", "carrier", "Three", "region", "United Kingdom",
                        "time_zones", List.of("Europe/Guernsey", "Europe/Isle_of_Man", "Europe/Jersey", "Europe/London"),
                        "country_code", "GB",
                        "country_calling_code", 44L, "e164", "+447400123456")),
                Arguments.of("512-789-1111", "US", Outcome.SUCCESS, appended(
                        "valid", true, "line_type", "fixed_line_or_mobile", "region", "Texas",
                        "time_zone", "America/Chicago", "time_zones", List.of("America/Chicago"), "country_code", "US",
                        "country_calling_code", 1L, "e164", "+15127891111")),
                Arguments.of("030 22610", "DE", Outcome.SUCCESS, appended(
                        "valid", true, "line_type", "fixed_line", "region", "Berlin",
                        "time_zone", "Europe/Berlin", "time_zones", List.of("Europe/Berlin"), "country_code", "DE",
                        "country_calling_code", 49L, "e164", "+493022610")),
                Arguments.of("+1 800 234 5678", "US", Outcome.SUCCESS, appended(
                        "valid", true, "line_type", "toll_free", "time_zones", NANP_TIME_ZONES, "country_code", "US",
                        "country_calling_code", 1L, "e164", "+18002345678")),
                Arguments.of("1111", "US", Outcome.FAILURE, appended(
                        "valid", false, "country_calling_code", 1L)),
                Arguments.of("donkey kong", "US", Outcome.FAILURE, appended("valid", false)));
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("numbers")
    void looksNumbersUpOffline(String phone, String region, Outcome outcome, Map<String, Object> appended) {
        IntegrationEvent event = lookup.handle(Vars.of(Map.of("phone", phone, "region", region)), null).join();

        assertThat(event).isEqualTo(new IntegrationEvent(outcome,
                outcome == Outcome.SUCCESS ? null : "Invalid phone number", null, null, appended));
    }

    @Test
    void readsATypedPhoneFieldAsTheSourceSentIt() {
        TypedValue field = new TypedValue("phone", "+44 7400 123456", "7400123456", true, Map.of("type", "mobile"));

        IntegrationEvent event = lookup.handle(Vars.of(Map.of("phone", field)), null).join();

        assertThat(event.appended()).containsEntry("country_code", "GB").containsEntry("line_type", "mobile");
    }

    @Test
    void validatesItsVariables() {
        assertThat(lookup.validate(Vars.empty())).contains("Phone is required");
        assertThat(lookup.validate(Vars.of(Map.of("phone", " ")))).contains("Phone is required");
        assertThat(lookup.validate(Vars.of(Map.of("phone", "5127891111", "region", "USA"))))
                .contains("Region must be a two-letter country code such as US, not 'USA'");
        assertThat(lookup.validate(Vars.of(Map.of("phone", "5127891111", "region", "gb")))).isEqualTo(Optional.empty());
    }

    private static Map<String, Object> appended(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
