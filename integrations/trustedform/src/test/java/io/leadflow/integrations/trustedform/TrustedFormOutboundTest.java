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

/** {@code trustedform.outbound.trustedform}: LeadConduit's v4 spec as tables (validation, request bodies, answers). */
class TrustedFormOutboundTest {

    private static final TrustedFormOutbound MODULE = Fixtures.LEADCONDUIT_V4;
    private static final String CERT = "https://cert.trustedform.com/2605ec3a321e1b3a41addf0bba1213505ef57985";
    private static final String BASE = """
            "lead": {"email": "test@activeprospect.com", "phone_1": "5122981234", "trustedform_cert_url": "%s", "id": "4567"},
            "insights": {"age": "true", "domain": "true", "location": "true"},
            "activeprospect": {"api_key": "1234"}, "source": {"name": "Acme, Inc."}""".formatted(CERT);

    private static Vars vars(String products, String more) {
        return Fixtures.vars("{" + BASE + ", \"trustedform\": {" + products + "}" + (more.isEmpty() ? "" : ", " + more)
                + "}", MODULE.requestVariables());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            all products, all fields                | "retain": "true", "insights": "true", "verify": "true" | -                                          | -
            verify not given                        | "retain": "true", "insights": "true"                 | -                                          | -
            no product                              | "retain": "false", "insights": "false", "verify": "false" | -                                     | a TrustedForm product must be selected
            retain without email or phone           | "retain": "true"                                     | "lead": {"email": null, "phone_1": null}   | an email address or phone number is required to use TrustedForm Retain
            retain with the phone only              | "retain": "true"                                     | "lead": {"email": null}                    | -
            verify alone needs no email             | "verify": "true"                                     | "lead": {"email": null, "phone_1": null}   | -
            insights without properties             | "retain": "true", "insights": "true"                 | "insights": {}                             | no properties selected for TrustedForm Insights
            insights with page scan only            | "insights": "true"                                   | "insights": {"page_scan": "true"}          | -
            insights with page scan false           | "insights": "true"                                   | "insights": {"page_scan": "false"}         | no properties selected for TrustedForm Insights
            blank certificate URL                   | "retain": "true"                                     | "lead": {"trustedform_cert_url": ""}       | TrustedForm cert URL must not be blank
            look-alike certificate host             | "retain": "true"                                     | "lead": {"trustedform_cert_url": "https://cert-trustedform.com/2605ec3a321e1b3a41addf0bba1213505ef57985"} | TrustedForm cert URL must be valid
            staging certificate                     | "retain": "true"                                     | "lead": {"trustedform_cert_url": "https://cert.staging.trustedform.com/2605ec3a321e1b3a41addf0bba1213505ef57985"} | TrustedForm cert URL must be valid
            Facebook certificate                    | "retain": "true"                                     | "lead": {"trustedform_cert_url": "https://cert.trustedform.com/0.abc"} | -
            private API URL                         | "retain": "true", "api_url": "http://127.0.0.1:9/tf" | -                                          | TrustedForm API URL must be public
            API URL that is no URL                  | "retain": "true", "api_url": "tf"                    | -                                          | TrustedForm API URL must be valid
            """)
    void validatesAsLeadConduitDoes(String problem, String products, String override, String message) {
        String more = override == null ? "" : override;
        Vars vars = more.startsWith("\"lead\"") || more.startsWith("\"insights\"")
                ? Fixtures.vars("{" + merged(more) + ", \"trustedform\": {" + products + "}}", MODULE.requestVariables())
                : vars(products, more);
        assertThat(MODULE.validate(vars)).as(problem).isEqualTo(Optional.ofNullable(message));
    }

    /** The base variables with the lead's fields changed or the insights replaced. */
    private static String merged(String override) {
        Map<String, Object> base = castMap(AnswerJson.plain(Fixtures.json("{" + BASE + "}")));
        Map<String, Object> changes = castMap(AnswerJson.plain(Fixtures.json("{" + override + "}")));
        changes.forEach((group, values) -> {
            Map<String, Object> merged = new java.util.LinkedHashMap<>(castMap(base.get(group)));
            Map<String, Object> overrides = castMap(values);
            if (group.equals("insights")) {
                merged.clear();
            }
            merged.putAll(overrides);
            base.put(group, merged);
        });
        String json = AnswerJson.JSON.writeValueAsString(base);
        return json.substring(1, json.length() - 1);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object value) {
        return (Map<String, Object>) value;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '~', textBlock = """
            retain only, own reference and vendor ~ "retain": "true", "vendor": "ABC, Inc.", "custom_reference": "9876" ~ {"match_lead":{"email":"test@activeprospect.com","phone":"5122981234"},"retain":{"reference":"9876","vendor":"ABC, Inc."}}
            page scan with the default delimiter  ~ "insights": "true", "scan_required_text": "click here!"             ~ {"insights":{"properties":["age_seconds","approx_ip_geo","domain"],"scans":{"required":"click here!","delimiter":"|"}}}
            page scan with a mapped delimiter     ~ "insights": "true", "scan_required_text": "a", "scan_forbidden_text": "b", "scan_delimiter": "/" ~ {"insights":{"properties":["age_seconds","approx_ip_geo","domain"],"scans":{"required":"a","forbidden":"b","delimiter":"/"}}}
            verify only                           ~ "verify": "true"                                                     ~ {"verify":{}}
            verify with one-to-one consent check  ~ "verify": "true", "advertiser_name": "test"                          ~ {"verify":{"advertiser_name":"test"}}
            """)
    void buildsTheBodyOfTheSelectedProducts(String problem, String products, String body) {
        OutboundRequest request = MODULE.request(vars(products, "\"insights\": {\"age\": \"true\", \"domain\": \"true\", "
                + "\"location\": \"true\", \"page_scan\": \"true\"}"));

        assertThat(Fixtures.json(request.body())).as(problem).isEqualTo(Fixtures.json(body));
    }

    @Test
    void sendsTheCplTokenAndTheTrustedFormKeyBeforeTheAccountKey() {
        OutboundRequest request = MODULE.request(vars("\"retain\": \"true\", \"api_key\": \"abcd\"", "\"cplToken\": \"cpl-1\""));

        assertThat(request.headers()).containsExactly(Map.entry("Content-Type", "application/json"),
                Map.entry("api-version", "4.0"), Map.entry("Authorization", "Basic WDphYmNk"),
                Map.entry("CPL-Token", "cpl-1"));
    }

    @Test
    void withoutAnyKeySendsNoAuthorizationSoAStepCredentialCanGiveIt() {
        Vars vars = Fixtures.vars("{\"lead\": {\"email\": \"a@b.com\", \"trustedform_cert_url\": \"" + CERT + "\"}, "
                + "\"trustedform\": {\"retain\": \"true\"}}", MODULE.requestVariables());

        assertThat(MODULE.request(vars).headers()).containsOnlyKeys("Content-Type", "api-version");
        assertThat(MODULE.request(vars).body()).isEqualTo("{\"match_lead\":{\"email\":\"a@b.com\"},\"retain\":{}}");
    }

    @Test
    void anApiUrlReplacesTheCertificateHost() {
        TrustedFormOutbound local = new TrustedFormOutbound(new IntegrationSettings(true), TrustedFormOutbound.LEAD_ID_REFERENCE);
        Vars vars = vars("\"retain\": \"true\", \"api_url\": \"http://127.0.0.1:8089/tf/\"", "");

        assertThat(local.validate(vars)).isEmpty();
        assertThat(local.request(vars).url())
                .isEqualTo("http://127.0.0.1:8089/tf/2605ec3a321e1b3a41addf0bba1213505ef57985");
        assertThat(local.request(vars).body()).contains("\"reference\":\"4567\"");
    }

    @Test
    void appendsEveryResultOfASuccessfulAnswer() {
        String answer = """
                {"insights": {"properties": {"age_seconds": 91430,
                   "approx_ip_geo": {"city": "Austin", "country_code": "US", "lat": 30.2627, "lon": -97.7467,
                                     "postal_code": "78713", "state": "Texas", "time_zone": "America/Chicago"},
                   "browser": {"full": "Firefox 112.0.", "name": "Firefox"}, "created_at": "2023-05-31T20:43:31Z",
                   "domain": "activeprospect.github.io", "expires_at": "2023-09-01T20:43:31Z",
                   "form_input_kpm": 212.38938053097348, "ip": "24.28.104.159", "is_framed": false, "is_masked": false,
                   "num_sensitive_content_elements": 0, "num_sensitive_form_elements": 0,
                   "os": {"full": "Mac OS X 10.15", "is_mobile": false, "name": "Mac OS X"},
                   "page_url": "https://activeprospect.github.io/certificate_staging.html", "parent_page_url": null,
                   "seconds_on_page": 8374, "bot_detected": false},
                  "scans": {"forbidden": [], "required": ["make a claim on Staging"],
                            "result": {"forbidden": {"found": [], "not_found": []},
                                       "required": {"found": ["make a claim on Staging"], "not_found": []}, "success": true}}},
                 "match_lead": {"email": "superman@activeprospect.com",
                                "result": {"email_match": true, "phone_match": false, "success": true}},
                 "outcome": "success", "reason": null,
                 "retain": {"reference": "https://app.leadconduit-development.com/events/647916a0d2c7c9de31fffd13",
                            "results": {"expires_at": "2023-08-29T20:43:31Z", "previously_retained": true,
                                        "masked_cert_url": "https://cert.trustedform-dev.com/f1fd052c",
                                        "share_url": "https://cert.trustedform-dev.com/1eb8608b?shared_token=k6"},
                            "vendor": "Inbound Verbose"},
                 "verify": {"languages": [{"text": "I understand that the TrustedForm certificate is sent to me."}],
                            "result": {"language_approved": true, "success": true, "form_submitted": true, "one_to_one": true,
                                       "font_size": true, "contrast_ratio": true, "opt_in_type": "checkbox"}}}""";
        Map<String, Object> expected = Map.ofEntries(Map.entry("outcome", "success"),
                Map.entry("age_in_seconds", 91430), Map.entry("amount_forbidden_matched", "none"),
                Map.entry("amount_required_matched", "all"), Map.entry("browser_full", "Firefox 112.0."),
                Map.entry("city", "Austin"), Map.entry("country_code", "US"), Map.entry("created_at", "2023-05-31T20:43:31Z"),
                Map.entry("domain", "activeprospect.github.io"), Map.entry("email_fingerprint_matched", true),
                Map.entry("expires_at", "2023-08-29T20:43:31Z"), Map.entry("forbidden_scans_found", java.util.List.of()),
                Map.entry("forbidden_scans_not_found", java.util.List.of()), Map.entry("ip", "24.28.104.159"),
                Map.entry("is_framed", false), Map.entry("is_masked", false), Map.entry("is_mobile", false),
                Map.entry("kpm", 212.38938053097348), Map.entry("latitude", 30.2627), Map.entry("longitude", -97.7467),
                Map.entry("masked_cert_url", "https://cert.trustedform-dev.com/f1fd052c"),
                Map.entry("share_url", "https://cert.trustedform-dev.com/1eb8608b?shared_token=k6"),
                Map.entry("matched_email", "superman@activeprospect.com"), Map.entry("os_full", "Mac OS X 10.15"),
                Map.entry("os_name", "Mac OS X"), Map.entry("page_url", "https://activeprospect.github.io/certificate_staging.html"),
                Map.entry("phone_fingerprint_matched", false), Map.entry("postal_code", "78713"),
                Map.entry("previously_retained", true),
                Map.entry("reference_code", "https://app.leadconduit-development.com/events/647916a0d2c7c9de31fffd13"),
                Map.entry("required_scans_found", java.util.List.of("make a claim on Staging")),
                Map.entry("required_scans_not_found", java.util.List.of()), Map.entry("scans_result", true),
                Map.entry("sensitive_hidden_content_elements", 0), Map.entry("sensitive_hidden_form_elements", 0),
                Map.entry("state", "Texas"), Map.entry("successful_match", true), Map.entry("time_on_page_in_seconds", 8374),
                Map.entry("time_zone", "America/Chicago"), Map.entry("vendor", "Inbound Verbose"),
                Map.entry("bot_detected", false), Map.entry("one_to_one", true),
                Map.entry("verify", Map.of("languages", java.util.List.of(
                                "I understand that the TrustedForm certificate is sent to me."),
                        "language_approved", true, "form_submitted", true, "font_size", true, "contrast_ratio", true,
                        "opt_in_type", "checkbox", "success", true)));
        var event = MODULE.response(Fixtures.vars("{\"insights\": {\"page_scan\": true}}", MODULE.requestVariables()),
                null, Fixtures.response(200, answer)).toFlatMap();

        Map<String, Object> withNull = new java.util.HashMap<>(expected);
        withNull.put("parent_page_url", null);
        assertThat(Fixtures.json(event)).isEqualTo(Fixtures.json(withNull));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            failed page scan     | 200 | {"insights": {"scans": {"required": ["claim"], "result": {"forbidden": {"found": [], "not_found": []}, "required": {"found": [], "not_found": ["claim"]}, "success": false}}}, "outcome": "failure", "reason": "Insights page scans unsuccessful"} | {"outcome": "failure", "reason": "Insights page scans unsuccessful", "amount_required_matched": "none", "forbidden_scans_found": [], "forbidden_scans_not_found": [], "required_scans_found": [], "required_scans_not_found": ["claim"], "scans_result": false}
            some terms found     | 200 | {"insights": {"scans": {"required": ["a", "b"], "forbidden": ["x"], "result": {"required": {"found": ["a"]}, "forbidden": {"found": ["x"]}}}}, "outcome": "failure", "reason": "scan"} | {"outcome": "failure", "reason": "scan", "amount_required_matched": "some", "amount_forbidden_matched": "all", "required_scans_found": ["a"], "forbidden_scans_found": ["x"]}
            consent not verified | 200 | {"verify": {"languages": [{"text": "By clicking"}], "result": {"language_approved": false, "success": false}}, "outcome": "failure", "reason": "Consent language not detected in the certificate."} | {"outcome": "failure", "reason": "Consent language not detected in the certificate.", "verify": {"languages": ["By clicking"], "language_approved": false, "success": false}}
            server error         | 500 | unable to access server                                      | {"outcome": "error", "reason": "unable to parse response"}
            answer that is no JSON | 200 | <html>                                                     | {"outcome": "error", "reason": "unable to parse response"}
            refused key: outcome and reason only | 401 | {"outcome": "error", "reason": "Unauthorized", "retain": {}} | {"outcome": "error", "reason": "Unauthorized"}
            not found without an outcome | 404 | {"message": "Not Found"}                             | {"outcome": "error", "reason": "TrustedForm answered HTTP 404 without an outcome"}
            """)
    void readsTrustedFormsAnswer(String problem, int status, String body, String expected) {
        var event = MODULE.response(Fixtures.vars("{\"insights\": {\"page_scan\": true}}", MODULE.requestVariables()),
                null, Fixtures.response(status, body)).toFlatMap();

        assertThat(Fixtures.json(event)).as(problem).isEqualTo(Fixtures.json(expected));
    }
}
