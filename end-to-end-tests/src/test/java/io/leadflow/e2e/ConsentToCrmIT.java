package io.leadflow.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code crm} flow against a fake TrustedForm and a fake Salesforce (WireMock, answering as their APIs document):
 * TrustedForm's outcome decides a filter, and a consented lead is created as a Salesforce Lead with an OAuth 2.0 token
 * whose instance URL the lead is sent to; the new record's id is the delivery's reference in the lead's timeline.
 */
@ExtendWith(Pipeline.Extension.class)
class ConsentToCrmIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String VERIFIED = "0a1b2c3d4e5f60718293a4b5c6d7e8f901234567";
    private static final String UNVERIFIED = "fedcba9876543210fedcba9876543210fedcba98";
    private static final String RECORD_ID = "00Q5e00000E2ECRM";

    private WireMockServer partners;

    @BeforeEach
    void stubTrustedFormAndSalesforce(Pipeline pipeline) {
        partners = pipeline.partners();
        partners.stubFor(post("/trustedform/" + VERIFIED).willReturn(okJson("""
                {"outcome": "success", "reason": null,
                 "match_lead": {"email": "ada.consent@example.com", "result": {"email_match": true, "success": true}},
                 "retain": {"reference": "r", "vendor": "Web Forms",
                            "results": {"previously_retained": false, "expires_at": "2031-11-28T10:00:00Z",
                                        "share_url": "https://cert.trustedform.com/%s?shared_token=e2e"}},
                 "verify": {"languages": [{"text": "I agree to be contacted by Acme"}],
                            "result": {"language_approved": true, "success": true}}}""".formatted(VERIFIED))));
        partners.stubFor(post("/trustedform/" + UNVERIFIED).willReturn(okJson("""
                {"outcome": "failure", "reason": "Consent language not detected in the certificate.",
                 "verify": {"languages": [], "result": {"language_approved": false, "success": false}}}""")));
        partners.stubFor(post("/services/oauth2/token").willReturn(okJson("{\"access_token\": \"sf-token\", "
                + "\"instance_url\": \"" + partners.baseUrl() + "\", \"token_type\": \"Bearer\", "
                + "\"issued_at\": \"1732790000000\"}")));
        partners.stubFor(post("/services/data/v62.0/sobjects/Lead/").withHeader("Authorization", equalTo("Bearer sf-token"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"id\": \"" + RECORD_ID + "\", \"success\": true, \"errors\": []}")));
    }

    @Test
    void aLeadWithVerifiedConsentIsCreatedInSalesforceWithItsIdInTheTimeline(Pipeline pipeline) throws Exception {
        JsonNode answer = submit(pipeline, "ada.consent@example.com", VERIFIED);
        String leadId = answer.path("lead").path("id").asString();

        assertThat(answer.path("outcome").asString()).as(answer.toString()).isEqualTo("success");
        JsonNode timeline = timeline(pipeline, leadId, tree -> tree.path("deliveries").size() == 1);
        assertThat(timeline.path("steps").get(0).path("appended")).isEqualTo(JSON.readTree("""
                {"matched_email": "ada.consent@example.com", "successful_match": true, "email_fingerprint_matched": true,
                 "reference_code": "r", "vendor": "Web Forms", "previously_retained": false,
                 "share_url": "https://cert.trustedform.com/%s?shared_token=e2e", "expires_at": "2031-11-28T10:00:00Z",
                 "verify": {"languages": ["I agree to be contacted by Acme"], "language_approved": true, "success": true}}"""
                .formatted(VERIFIED)));
        JsonNode delivery = timeline.path("deliveries").get(0);
        assertThat(List.of(delivery.path("step").asString(), delivery.path("outcome").asString(),
                delivery.path("reference").asString(), delivery.path("httpStatus").asInt()))
                .containsExactly("salesforce", "success", RECORD_ID, 201);

        LoggedRequest retain = one(postRequestedFor(urlEqualTo("/trustedform/" + VERIFIED)));
        assertThat(retain.getHeader("Authorization")).isEqualTo("Basic " + Base64.getEncoder().encodeToString(
                ("X:" + Pipeline.CREDENTIAL_SECRETS.get("E2E_BUYER_TOKEN")).getBytes(StandardCharsets.UTF_8)));
        assertThat(JSON.readTree(retain.getBodyAsString())).isEqualTo(JSON.readTree("""
                {"match_lead": {"email": "ada.consent@example.com", "phone": "5125550142"},
                 "retain": {"reference": "%s", "vendor": "Web Forms"}, "verify": {}}""".formatted(leadId)));
        partners.verify(postRequestedFor(urlEqualTo("/services/data/v62.0/sobjects/Lead/"))
                .withHeader("Idempotency-Key", equalTo(leadId + ":salesforce"))
                .withRequestBody(equalToJson("""
                        {"FirstName": "Ada", "LastName": "Lovelace", "Email": "ada.consent@example.com",
                         "Phone": "5125550142", "Company": "Lovelace Household", "LeadSource": "Web Forms",
                         "TrustedForm_Share_URL__c": "https://cert.trustedform.com/%s?shared_token=e2e"}"""
                        .formatted(VERIFIED))));
    }

    @Test
    void aLeadWithoutVerifiedConsentIsStoppedBeforeSalesforce(Pipeline pipeline) throws Exception {
        JsonNode answer = submit(pipeline, "eve.noconsent@example.com", UNVERIFIED);
        String leadId = answer.path("lead").path("id").asString();

        assertThat(answer).isEqualTo(JSON.readTree("{\"outcome\": \"failure\", \"reason\": \"No verified consent\", "
                + "\"lead\": {\"id\": \"" + leadId + "\"}, \"price\": 0}"));
        JsonNode timeline = timeline(pipeline, leadId, tree -> !tree.path("completion").isNull());
        assertThat(timeline.path("steps").findValuesAsString("outcome")).containsExactly("failure", "failure");
        assertThat(timeline.path("steps").get(0).path("reason").asString())
                .isEqualTo("Consent language not detected in the certificate.");
        assertThat(timeline.path("deliveries").size()).isZero();
        assertThat(partners.findAll(postRequestedFor(urlEqualTo("/services/data/v62.0/sobjects/Lead/"))
                .withRequestBody(containing("eve.noconsent@example.com")))).isEmpty();
    }

    private static JsonNode submit(Pipeline pipeline, String email, String certificateId) throws Exception {
        String lead = """
                {"first_name": "%s", "last_name": "Lovelace", "email": "%s", "phone_1": "512-555-0142",
                 "trustedform_cert_url": "https://cert.trustedform.com/%s"}"""
                .formatted(email.startsWith("ada") ? "Ada" : "Eve", email, certificateId);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(pipeline.intakeUrl()
                        + "/flows/crm/sources/web/submit"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(lead))
                .timeout(Duration.ofSeconds(40)).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    private LoggedRequest one(com.github.tomakehurst.wiremock.matching.RequestPatternBuilder pattern) {
        List<LoggedRequest> requests = partners.findAll(pattern);
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }

    private static JsonNode timeline(Pipeline pipeline, String leadId, Predicate<JsonNode> ready) {
        return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(pipeline.feedbackUrl()
                    + "/leads/" + leadId)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
        }, tree -> tree != null && ready.test(tree));
    }
}
