package io.leadflow.integrations.phone;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.integration.IntegrationEvent;
import io.leadflow.integration.IntegrationSettings;
import io.leadflow.integration.OutboundRequest;
import io.leadflow.integration.OutboundResponse;
import io.leadflow.integration.Outcome;
import io.leadflow.integration.Vars;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Twilio Lookup v2's documented answers, recorded in {@code src/test/resources/twilio/}, read as events. */
class TwilioLookupOutboundTest {

    private final TwilioLookupOutbound twilio = new TwilioLookupOutbound(IntegrationSettings.defaults());
    private final Vars vars = Vars.of(Map.of("phone", "(415) 992-9960"));

    @Test
    void asksForLineTypeIntelligenceOfTheE164Number() {
        assertThat(twilio.request(vars)).isEqualTo(new OutboundRequest("GET",
                "https://lookups.twilio.com/v2/PhoneNumbers/%2B14159929960?Fields=line_type_intelligence",
                Map.of("Accept", "application/json"), null, false));
        assertThat(twilio.request(Vars.of(Map.of("phone", "not a number", "region", "CA",
                "base_url", "https://lookups.example/"))).url()).isEqualTo(
                "https://lookups.example/v2/PhoneNumbers/not%20a%20number?Fields=line_type_intelligence&CountryCode=CA");
    }

    static Stream<Arguments> answers() {
        return Stream.of(
                Arguments.of(200, "mobile.json", Outcome.SUCCESS, null, appended("valid", true, "line_type", "mobile",
                        "twilio_line_type", "mobile", "carrier", "T-Mobile USA, Inc.", "mobile_country_code", "310",
                        "mobile_network_code", "160", "country_code", "US", "country_calling_code", 1L,
                        "e164", "+14159929960")),
                Arguments.of(200, "landline.json", Outcome.SUCCESS, null, appended("valid", true,
                        "line_type", "fixed_line", "twilio_line_type", "landline", "carrier", "AT&T Texas - ILEC",
                        "country_code", "US", "country_calling_code", 1L, "e164", "+15127891111")),
                Arguments.of(200, "non-fixed-voip.json", Outcome.SUCCESS, null, appended("valid", true,
                        "line_type", "voip", "twilio_line_type", "nonFixedVoip",
                        "carrier", "Bandwidth/13 - Bandwidth.com - SVR", "mobile_country_code", "313",
                        "mobile_network_code", "981", "country_code", "US", "country_calling_code", 1L,
                        "e164", "+14159929961")),
                Arguments.of(200, "canada-not-approved.json", Outcome.SUCCESS, null, appended("valid", true,
                        "line_type_error_code", 60601L, "country_code", "CA", "country_calling_code", 1L,
                        "e164", "+16135550142")),
                Arguments.of(200, "invalid.json", Outcome.FAILURE, "Invalid phone number", appended("valid", false,
                        "validation_errors", List.of("TOO_SHORT"))),
                Arguments.of(404, "not-found.json", Outcome.FAILURE, "Invalid phone number", appended("valid", false)),
                Arguments.of(401, "unauthorized.json", Outcome.ERROR,
                        "Twilio refused the credentials (HTTP 401, Twilio error 20003)", appended()),
                Arguments.of(429, "too-many-requests.json", Outcome.ERROR,
                        "Twilio rate limit reached (HTTP 429, Twilio error 20429)", appended()),
                Arguments.of(503, "service-unavailable.json", Outcome.ERROR,
                        "Twilio answered (HTTP 503, Twilio error 20503)", appended()),
                Arguments.of(502, null, Outcome.ERROR, "Twilio answered (HTTP 502)", appended()),
                Arguments.of(200, null, Outcome.ERROR, "Twilio's answer is not a Lookup result", appended()));
    }

    @ParameterizedTest(name = "HTTP {0} {1}")
    @MethodSource("answers")
    void readsTwilioAnswers(int status, String body, Outcome outcome, String reason, Map<String, Object> appended) {
        OutboundResponse response = new OutboundResponse(status, Map.of("Content-Type", List.of("application/json")),
                body == null ? "<html>Bad gateway</html>" : recorded(body));

        IntegrationEvent event = twilio.response(vars, twilio.request(vars), response);

        assertThat(event).isEqualTo(new IntegrationEvent(outcome, reason, null, null, appended));
    }

    @Test
    void validatesItsVariables() {
        assertThat(twilio.validate(Vars.empty())).contains("Phone is required");
        assertThat(twilio.validate(Vars.of(Map.of("phone", "4159929960", "base_url", "ftp:nowhere"))))
                .contains("Base URL must be valid");
        assertThat(twilio.validate(Vars.of(Map.of("phone", "4159929960", "base_url", "http://127.0.0.1:8089"))))
                .contains("Base URL must be public");
        assertThat(new TwilioLookupOutbound(new IntegrationSettings(true))
                .validate(Vars.of(Map.of("phone", "4159929960", "base_url", "http://127.0.0.1:8089")))).isEmpty();
        assertThat(twilio.validate(vars)).isEmpty();
    }

    private static String recorded(String name) {
        try (InputStream body = TwilioLookupOutboundTest.class.getResourceAsStream("/twilio/" + name)) {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> appended(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
