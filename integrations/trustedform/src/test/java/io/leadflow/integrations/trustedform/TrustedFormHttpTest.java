package io.leadflow.integrations.trustedform;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.leadflow.flow.Flow;
import io.leadflow.flow.FlowLoader;
import io.leadflow.flow.Lead;
import io.leadflow.flow.References;
import io.leadflow.flow.StepResult;
import io.leadflow.flow.http.ReactorOutboundHttp;
import io.leadflow.flow.rules.LeadView;
import io.leadflow.flow.run.StepRunner;
import io.leadflow.integration.IntegrationCatalog;
import io.leadflow.integration.IntegrationSettings;
import io.leadflow.integration.Outcome;
import io.leadflow.integration.types.FieldTypes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both TrustedForm modules in a flow, sent by the platform's HTTP client (Reactor Netty) to a fake TrustedForm over real
 * HTTP on 127.0.0.1: the key comes from a secret, the answers become the steps' outcomes and appended data.
 */
class TrustedFormHttpTest {

    private static final String CERT_ID = "2605ec3a321e1b3a41addf0bba1213505ef57985";

    private final WireMockServer trustedForm = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    private final ReactorOutboundHttp http = new ReactorOutboundHttp(true, 4);
    private final IntegrationCatalog catalog = new IntegrationCatalog(List.of(new TrustedFormPackage()),
            new IntegrationSettings(true));
    private References references;
    private Flow flow;

    @BeforeEach
    void start(@TempDir Path secrets) throws IOException {
        trustedForm.start();
        Files.writeString(secrets.resolve("TRUSTEDFORM_API_KEY"), "tf-key\n");
        Files.writeString(secrets.resolve("TRUSTEDFORM_DATA_SERVICE_TOKEN"), "data-token");
        references = new References(Map.of("TF_URL", trustedForm.baseUrl())::get, secrets);
        flow = new FlowLoader(catalog, references).parse("consent.yaml", """
                id: consent
                sources: [ { id: web, name: Web Forms } ]
                fields: [ { id: trustedform_cert_url, type: trustedform_url }, { id: email, type: email } ]
                steps:
                  - id: trustedform
                    type: enhancement
                    entity: TrustedForm
                    integration: trustedform.outbound.trustedform
                    mappings:
                      trustedform.retain: "true"
                      trustedform.verify: "true"
                      trustedform.api_key: "${secret:TRUSTEDFORM_API_KEY}"
                      trustedform.api_url: "${env:TF_URL}"
                      lead.id: "{{lead.id}}"
                      source.name: "{{source.name}}"
                  - id: insights
                    type: enhancement
                    entity: TF Insights
                    integration: trustedform.outbound.insights
                    mappings:
                      token: "${secret:TRUSTEDFORM_DATA_SERVICE_TOKEN}"
                      trustedform.api_url: "${env:TF_URL}"
                """);
    }

    @AfterEach
    void stop() {
        http.close();
        trustedForm.stop();
    }

    private StepResult run(int step) {
        Lead lead = new Lead("lead-1", "consent", flow.revision(), "web", Instant.parse("2026-11-28T10:00:00Z"), Map.of(
                "trustedform_cert_url", FieldTypes.parse("trustedform_url", "https://cert.trustedform.com/" + CERT_ID),
                "email", FieldTypes.parse("email", "Kelly@TheThings.biz")));
        return new StepRunner(catalog, http, references, Clock.systemUTC())
                .run(flow.steps().get(step), new LeadView(flow, lead, List.of())).join();
    }

    @Test
    void retainsAndVerifiesTheCertificateWithTheKeyFromASecret() {
        trustedForm.stubFor(post("/" + CERT_ID).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"outcome": "success", "reason": null,
                         "match_lead": {"email": "kelly@thethings.biz", "result": {"email_match": true, "success": true}},
                         "retain": {"reference": "lead-1", "vendor": "Web Forms",
                                    "results": {"expires_at": "2031-11-28T10:00:00Z", "previously_retained": false}},
                         "verify": {"languages": [{"text": "I agree to be contacted"}],
                                    "result": {"language_approved": true, "success": true, "one_to_one": true}}}""")));

        StepResult result = run(0);

        trustedForm.verify(postRequestedFor(urlEqualTo("/" + CERT_ID))
                .withHeader("Authorization", equalTo("Basic WDp0Zi1rZXk="))
                .withHeader("api-version", equalTo("4.0"))
                .withRequestBody(equalToJson("""
                        {"match_lead": {"email": "kelly@thethings.biz"},
                         "retain": {"reference": "lead-1", "vendor": "Web Forms"}, "verify": {}}""")));
        assertThat(result.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(result.reason()).isNull();
        assertThat(result.httpStatus()).isEqualTo(200);
        assertThat(result.appended()).isEqualTo(Map.of("matched_email", "kelly@thethings.biz",
                "successful_match", true, "email_fingerprint_matched", true, "reference_code", "lead-1",
                "vendor", "Web Forms", "previously_retained", false, "expires_at", "2031-11-28T10:00:00Z",
                "one_to_one", true, "verify", Map.of("languages", List.of("I agree to be contacted"),
                        "language_approved", true, "success", true)));
    }

    @Test
    void trustedFormsRefusalIsTheStepsOutcome() {
        trustedForm.stubFor(post("/" + CERT_ID).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"outcome\": \"failure\", \"reason\": \"Consent language not detected in the certificate.\","
                        + " \"verify\": {\"result\": {\"success\": false}}}")));

        StepResult result = run(0);

        assertThat(result).extracting(StepResult::outcome, StepResult::reason, StepResult::appended)
                .containsExactly(Outcome.FAILURE, "Consent language not detected in the certificate.",
                        Map.of("verify", Map.of("success", false)));
    }

    @Test
    void anUnreachableTrustedFormIsAnError() {
        trustedForm.stop();

        StepResult result = run(0);

        assertThat(result.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(result.reason()).isNotBlank().doesNotContain("tf-key");
    }

    @Test
    void insightsPeeksWithTheDataServiceToken() {
        trustedForm.stubFor(post("/" + CERT_ID + "/peek").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"age\": 12, \"cert\": {\"cert_id\": \"" + CERT_ID + "\"}, \"fingerprints\": "
                        + "{\"matching\": [\"c4a8e7fe184993964ae81380e91579015306838a\"], \"non_matching\": []}}")));

        StepResult result = run(1);

        trustedForm.verify(postRequestedFor(urlEqualTo("/" + CERT_ID + "/peek"))
                .withHeader("Authorization", equalTo("Bearer data-token"))
                .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
                .withRequestBody(equalTo("scan_delimiter=%7C&email=kelly%40thethings.biz")));
        assertThat(result.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(result.appended()).isEqualTo(Map.of("billable", 1L, "age", 12L, "has_consented", false,
                "cert_id", CERT_ID, "fingerprints_matching", List.of("c4a8e7fe184993964ae81380e91579015306838a"),
                "fingerprints_non_matching", List.of(), "scans_found", List.of(), "scans_not_found", List.of(),
                "fingerprints_summary", "All Matched", "email_fingerprint_matched", true));
    }
}
