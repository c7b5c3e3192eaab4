package io.leadflow.integrations.trustedform;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.integration.IntegrationSettings;
import io.leadflow.integration.OutboundRequest;
import io.leadflow.integration.Vars;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code trustedform.outbound.insights}: LeadConduit's Insights (peek) spec as tables. */
class InsightsOutboundTest {

    private static final InsightsOutbound MODULE = new InsightsOutbound(IntegrationSettings.defaults());
    private static final String CERT = "https://cert.trustedform.com/2605ec3a321e1b3a41addf0bba1213505ef57985";

    private static Vars vars(String json) {
        return Fixtures.vars(json, MODULE.requestVariables());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '~', nullValues = "-", textBlock = """
            certificate and token      ~ {"token": "t", "lead": {"trustedform_cert_url": "%s"}}                              ~ -
            no token                   ~ {"lead": {"trustedform_cert_url": "%s"}}                                            ~ Missing TrustedForm Data Service token
            ping URL                   ~ {"token": "t", "lead": {"trustedform_cert_url": "https://ping.trustedform.com/0.abc"}} ~ -
            staging ping URL           ~ {"token": "t", "lead": {"trustedform_cert_url": "https://ping.staging.trustedform.com/x"}} ~ -
            blank certificate URL      ~ {"token": "t", "lead": {"trustedform_cert_url": ""}}                                ~ TrustedForm cert URL must not be blank
            invalid certificate URL    ~ {"token": "t", "lead": {"trustedform_cert_url": "https://cert.trustedform.com/abc"}} ~ TrustedForm cert URL must be valid
            """)
    void validatesAsLeadConduitDoes(String problem, String json, String message) {
        assertThat(MODULE.validate(vars(json.formatted(CERT)))).as(problem).isEqualTo(Optional.ofNullable(message));
    }

    @Test
    void postsScanTermsAndTheLeadToFingerprintAsAFormToPeek() {
        OutboundRequest request = MODULE.request(vars("""
                {"token": "data-token", "trustedform": {"scan_required_text": ["I agree", "Terms & Conditions"],
                 "scan_forbidden_text": "Bad!"},
                 "lead": {"trustedform_cert_url": "http://cert.trustedform.com/2605ec3a321e1b3a41addf0bba1213505ef57985/,x",
                          "email": "kelly@thethings.biz", "phone_1": "5135556719"}}"""));

        assertThat(request.url()).isEqualTo(CERT + "/peek");
        assertThat(request.headers()).containsExactly(Map.entry("Content-Type", "application/x-www-form-urlencoded"),
                Map.entry("Authorization", "Bearer data-token"));
        assertThat(request.body()).isEqualTo("scan%5B%5D=I%20agree&scan%5B%5D=Terms%20%26%20Conditions&scan%5B%5D!=Bad!"
                + "&scan_delimiter=%7C&phone_1=5135556719&email=kelly%40thethings.biz");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '~', textBlock = """
            not found        ~ 404 ~ {"errors": {"detail": "cert not found"}} ~ {"outcome": "failure", "reason": "cert not found", "billable": 0}
            server error     ~ 502 ~ {"errors": {}}                           ~ {"outcome": "error", "reason": "unknown error (502)", "billable": 0}
            an OK is unknown ~ 200 ~ {}                                       ~ {"outcome": "error", "reason": "unknown error (200)", "billable": 0}
            no JSON          ~ 201 ~ <html>                                   ~ {"outcome": "error", "reason": "unable to parse response", "billable": 0}
            """)
    void readsRefusalsAndErrors(String problem, int status, String body, String expected) {
        assertThat(Fixtures.json(MODULE.response(Vars.empty(), null, Fixtures.response(status, body)).toFlatMap()))
                .as(problem).isEqualTo(Fixtures.json(expected));
    }

    @Test
    void appendsTheCertificateAndWhichOfTheLeadsFieldsItsFingerprintsMatch() {
        String answer = """
                {"age": 42, "masked": false, "warnings": ["string not found"],
                 "cert": {"browser": "Chrome 120", "created_at": "2026-11-28T10:00:00Z", "device": null,
                          "event_duration": 8000, "expires_at": "2026-12-01T10:00:00Z", "form_input_method": ["typing"],
                          "framed": false, "consented_at": "2026-11-28T10:00:05Z",
                          "geo": {"city": "Austin", "country_code": "US", "lat": 30.2, "lon": -97.7, "postal_code": "78701",
                                  "state": "TX", "time_zone": "America/Chicago"},
                          "ip": "203.0.113.9", "wpm": 40, "kpm": 200, "page_url": "https://form.example/", "operating_system": "Mac",
                          "parent_page_url": null, "domain": "form.example", "cert_id": "2605ec3a", "user_agent": "Mozilla"},
                 "fingerprints": {"matching": ["c4a8e7fe184993964ae81380e91579015306838a"], "non_matching": ["x"]},
                 "scans": {"found": ["I agree", "I agree"], "not_found": ["Terms"]}}""";
        Vars vars = vars("{\"lead\": {\"email\": \"kelly@thethings.biz\", \"phone_1\": \"5135556719\"}}");

        assertThat(Fixtures.json(MODULE.response(vars, null, Fixtures.response(201, answer)).toFlatMap()))
                .isEqualTo(Fixtures.json("""
                        {"outcome": "success", "billable": 1, "age": 42, "browser": "Chrome 120",
                         "created_at": "2026-11-28T10:00:00Z", "device": null, "event_duration": 8000,
                         "expires_at": "2026-12-01T10:00:00Z", "form_input_method": ["typing"], "framed": false,
                         "has_consented": true, "city": "Austin", "country_code": "US", "lat": 30.2, "lon": -97.7,
                         "postal_code": "78701", "state": "TX", "time_zone": "America/Chicago", "ip": "203.0.113.9",
                         "wpm": 40, "kpm": 200, "page_url": "https://form.example/", "operating_system": "Mac",
                         "parent_page_url": null, "domain": "form.example", "cert_id": "2605ec3a", "user_agent": "Mozilla",
                         "fingerprints_matching": ["c4a8e7fe184993964ae81380e91579015306838a"],
                         "fingerprints_non_matching": ["x"], "is_masked": false, "scans_found": ["I agree"],
                         "scans_not_found": ["Terms"], "warnings": ["string not found"],
                         "consented_at": "2026-11-28T10:00:05Z", "fingerprints_summary": "Some Matched",
                         "email_fingerprint_matched": true, "phone_1_fingerprint_matched": false}"""));
    }
}
