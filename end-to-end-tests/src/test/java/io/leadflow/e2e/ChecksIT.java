package io.leadflow.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The phone and email checks in a flow ({@code flows/checks.yaml}): libphonenumber's line type, Twilio Lookup (WireMock
 * answering as Twilio documents it) and the verification's MX lookup (against the pipeline's DNS server) append data
 * that filters use, so a landline or an undeliverable email is stopped; a good lead reaches a WireMock buyer and is
 * mailed to the sales team through GreenMail.
 */
@ExtendWith(Pipeline.Extension.class)
class ChecksIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static final String TWILIO_ANSWER = """
            {"calling_country_code":"44","country_code":"GB","phone_number":"+447400123456",
             "national_format":"07400 123456","valid":true,"validation_errors":[],"caller_name":null,
             "line_type_intelligence":{"error_code":null,"mobile_country_code":"234","mobile_network_code":"20",
                                       "carrier_name":"Hutchison 3G UK Ltd","type":"mobile"},
             "url":"https://lookups.twilio.com/v2/PhoneNumbers/+447400123456"}""";

    @BeforeEach
    void stubTheBuyerAndTwilio(Pipeline pipeline) {
        pipeline.partners().stubFor(post("/checked-buyer").willReturn(okJson("{\"status\":\"accepted\"}")));
        pipeline.partners().stubFor(get(urlPathMatching("/twilio/v2/PhoneNumbers/.*"))
                .withBasicAuth("AC-e2e", Pipeline.CREDENTIAL_SECRETS.get("E2E_TWILIO_AUTH_TOKEN"))
                .willReturn(okJson(TWILIO_ANSWER)));
    }

    @Test
    void aGoodLeadIsCheckedDeliveredAndMailed(Pipeline pipeline) throws Exception {
        JsonNode answer = submit(pipeline, "Ada", "ada@lovelace.example", "+44 7400 123456");
        String leadId = answer.path("lead").path("id").asString();

        assertThat(answer).isEqualTo(JSON.readTree(
                "{\"outcome\":\"success\",\"lead\":{\"id\":\"" + leadId + "\"},\"price\":0}"));
        assertThat(buyerRequestsFor(pipeline, "ada@lovelace.example")).containsExactly(JSON.readTree("""
                {"email":"ada@lovelace.example","line_type":"mobile","carrier":"Three",
                 "current_carrier":"Hutchison 3G UK Ltd","free_email":false}"""));
        assertThat(pipeline.partners().findAll(getRequestedFor(
                urlEqualTo("/twilio/v2/PhoneNumbers/%2B447400123456?Fields=line_type_intelligence")))).hasSize(1);
        MimeMessage mail = await().atMost(PATIENCE).until(() -> mailTo(pipeline, "Ada"), message -> message != null);
        assertThat(mail.getFrom()[0].toString()).isEqualTo("Leadflow <leads@leadflow.example>");
        assertThat(mail.getContent().toString().strip())
                .isEqualTo("Ada <ada@lovelace.example>, mobile phone (Three, United Kingdom)");

        JsonNode steps = timeline(pipeline, leadId).path("steps");
        assertThat(steps.findValuesAsString("step")).containsExactly("phone-check", "no-landlines", "carrier-check",
                "email-verify", "deliverable-only", "checked-buyer", "mail-sales");
        assertThat(steps.findValuesAsString("outcome")).containsOnly("success");
        assertThat(steps.get(0).path("appended")).isEqualTo(JSON.readTree("""
                {"valid":true,"line_type":"mobile","carrier":"Three","region":"United Kingdom",
                 "time_zones":["Europe/Guernsey","Europe/Isle_of_Man","Europe/Jersey","Europe/London"],
                 "country_code":"GB","country_calling_code":44,"e164":"+447400123456"}"""));
        assertThat(steps.get(2).path("appended")).isEqualTo(JSON.readTree("""
                {"valid":true,"line_type":"mobile","twilio_line_type":"mobile","carrier":"Hutchison 3G UK Ltd",
                 "mobile_country_code":"234","mobile_network_code":"20","country_code":"GB","country_calling_code":44,
                 "e164":"+447400123456"}"""));
        assertThat(steps.get(3).path("appended")).isEqualTo(JSON.readTree("""
                {"deliverable":true,"syntax_valid":true,"user":"ada","domain":"lovelace.example","free":false,
                 "disposable":false,"role":false,"typo":false,"mx_found":true,"mx_hosts":["mx.lovelace.example"]}"""));
        assertThat(steps.get(6).path("reference").asString()).isEqualTo(mail.getMessageID());
    }

    @Test
    void aLandlineIsStoppedBeforeTheEmailCheck(Pipeline pipeline) throws Exception {
        JsonNode answer = submit(pipeline, "Lin", "lin@lovelace.example", "+49 30 22610");

        assertThat(answer.path("outcome").asString()).isEqualTo("failure");
        assertThat(answer.path("reason").asString()).isEqualTo("Landline");
        JsonNode steps = timeline(pipeline, answer.path("lead").path("id").asString()).path("steps");
        assertThat(steps.findValuesAsString("step")).containsExactly("phone-check", "no-landlines");
        assertThat(steps.get(0).path("appended").path("line_type").asString()).isEqualTo("fixed_line");
        assertThat(buyerRequestsFor(pipeline, "lin@lovelace.example")).isEmpty();
        assertThat(mailTo(pipeline, "Lin")).isNull();
    }

    @Test
    void anUndeliverableEmailIsStoppedWithTheReason(Pipeline pipeline) throws Exception {
        JsonNode answer = submit(pipeline, "Una", "una@nowhere.example", "+44 7400 123457");

        assertThat(answer.path("outcome").asString()).isEqualTo("failure");
        assertThat(answer.path("reason").asString()).isEqualTo("Undeliverable email");
        JsonNode steps = timeline(pipeline, answer.path("lead").path("id").asString()).path("steps");
        assertThat(steps.findValuesAsString("step")).containsExactly("phone-check", "no-landlines", "carrier-check",
                "email-verify", "deliverable-only");
        assertThat(steps.get(3).path("outcome").asString()).isEqualTo("failure");
        assertThat(steps.get(3).path("reason").asString()).isEqualTo("Domain does not exist");
        assertThat(steps.get(3).path("appended").path("deliverable").asBoolean()).isFalse();
        assertThat(buyerRequestsFor(pipeline, "una@nowhere.example")).isEmpty();
        assertThat(mailTo(pipeline, "Una")).isNull();
    }

    private static JsonNode submit(Pipeline pipeline, String name, String email, String phone) throws Exception {
        String body = JSON.writeValueAsString(java.util.Map.of("first_name", name, "email", email, "phone_1", phone));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(pipeline.intakeUrl()
                        + "/flows/checks/sources/web/submit"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(40)).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    private static List<JsonNode> buyerRequestsFor(Pipeline pipeline, String email) {
        return pipeline.partners().findAll(postRequestedFor(urlEqualTo("/checked-buyer"))
                        .withRequestBody(containing(email))).stream()
                .map(request -> JSON.readTree(request.getBodyAsString())).toList();
    }

    /** The sales mail about the lead with this first name, or null when none arrived. */
    private static MimeMessage mailTo(Pipeline pipeline, String firstName) throws Exception {
        return Arrays.stream(pipeline.mail().getReceivedMessages())
                .filter(message -> subject(message).equals("New lead: " + firstName)).findFirst().orElse(null);
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The lead's timeline once its completion is recorded. */
    private static JsonNode timeline(Pipeline pipeline, String leadId) {
        return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(pipeline.feedbackUrl()
                    + "/leads/" + leadId)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
        }, tree -> tree != null && !tree.path("completion").isNull());
    }
}
