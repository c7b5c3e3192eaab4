package io.leadflow.intake;

import static io.leadflow.intake.IntakeCalls.answer;
import static io.leadflow.intake.IntakeCalls.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.intake.IntakeCalls.Answer;
import io.leadflow.schemas.intake.LeadReceived;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;

/** Sources that must prove who they are, allow-lists, and bodies that are too large or hostile. */
@IntakeServiceContext
class SourceSecurityIT {

    private static final String KEYED = "/flows/shop/sources/keyed/submit";

    @Autowired
    private WebTestClient http;
    @Autowired
    private EmbeddedKafkaBroker broker;

    @Test
    void aWrongApiKeyIsRefusedWithoutPublishingAndTheRightOneIsTaken() {
        Answer missing = postJson(KEYED, null, "{\"email\":\"nokey@example.com\"}");
        Answer wrong = postJson(KEYED, "shop-key-2", "{\"email\":\"wrongkey@example.com\"}");
        Answer right = postJson(KEYED, IntakeServiceContext.SHOP_API_KEY, "{\"email\":\"rightkey@example.com\"}");

        assertThat(List.of(missing, wrong)).isEqualTo(List.of(
                text(401, "An API key is required in the X-Api-Key header"), text(401, "The API key is not valid")));
        assertThat(right.status()).isEqualTo(201);
        assertThat(IntakeCalls.leadReceived(broker, withEmail("rightkey@example.com")).getSourceId()).isEqualTo("keyed");
        assertThat(IntakeCalls.allLeadsReceived(broker)).noneMatch(withEmail("nokey@example.com"))
                .noneMatch(withEmail("wrongkey@example.com"));
    }

    @Test
    void anApiKeyInTheQueryIsCheckedAndNeverBecomesAField() {
        Answer wrong = postJson("/flows/shop/sources/keyed-query/submit?api_key=shop-key-2", null,
                "{\"email\":\"wrongquerykey@example.com\"}");
        Answer right = postJson("/flows/shop/sources/keyed-query/submit?api_key=" + IntakeServiceContext.SHOP_API_KEY,
                null, "{\"email\":\"rightquerykey@example.com\"}");

        assertThat(wrong).isEqualTo(text(401, "The API key is not valid"));
        assertThat(right.status()).isEqualTo(201);
        assertThat(IntakeCalls.leadReceived(broker, withEmail("rightquerykey@example.com")).getFields())
                .containsOnlyKeys("email");
        assertThat(IntakeCalls.allLeadsReceived(broker)).noneMatch(withEmail("wrongquerykey@example.com"));
    }

    @Test
    void basicAuthRefusesAWrongPasswordWithAChallengeAndTakesTheRightOne() {
        List<String> authorizations = List.of("", basic("partner:wrong-password"), "Bearer " + basic("x"),
                basic("partner:" + IntakeServiceContext.SHOP_BASIC_PASSWORD));
        List<WebTestClient.ResponseSpec> responses = authorizations.stream().map(authorization -> {
            WebTestClient.RequestBodySpec request = http.post().uri("/flows/shop/sources/basic/submit")
                    .contentType(MediaType.APPLICATION_JSON);
            if (!authorization.isEmpty()) {
                request.header("Authorization", authorization);
            }
            return request.bodyValue("{\"email\":\"basic-" + authorizations.indexOf(authorization)
                    + "@example.com\"}").exchange();
        }).toList();
        List<String> challenges = responses.subList(0, 3).stream().map(response -> response.returnResult(String.class)
                .getResponseHeaders().getFirst("WWW-Authenticate")).toList();
        List<Answer> answers = responses.stream().map(IntakeCalls::answer).toList();

        assertThat(answers.subList(0, 3)).isEqualTo(List.of(text(401, "Basic authentication is required"),
                text(401, "The user name or password is not valid"), text(401, "Basic authentication is required")));
        assertThat(challenges).containsOnly("Basic realm=\"Leadflow\", charset=\"UTF-8\"");
        assertThat(answers.get(3).status()).isEqualTo(201);
        assertThat(IntakeCalls.leadReceived(broker, withEmail("basic-3@example.com")).getSourceId()).isEqualTo("basic");
        assertThat(IntakeCalls.allLeadsReceived(broker))
                .noneMatch(withEmail("basic-0@example.com"))
                .noneMatch(withEmail("basic-1@example.com"))
                .noneMatch(withEmail("basic-2@example.com"));
    }

    @Test
    void anAllowListAdmitsOnlyItsAddressesAsForwardedByTrustedProxies() {
        Answer direct = postJson("/flows/shop/sources/office/submit", null, "{\"email\":\"direct@example.com\"}");
        Answer forwarded = answer(http.post().uri("/flows/shop/sources/office/submit")
                .header("X-Forwarded-For", "198.51.100.1, 203.0.113.7")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"email\":\"forwarded@example.com\"}").exchange());

        assertThat(direct).isEqualTo(text(403, "Submissions from this address are not allowed"));
        assertThat(forwarded.status()).isEqualTo(201);
        assertThat(IntakeCalls.leadReceived(broker, withEmail("forwarded@example.com")).getSourceId())
                .isEqualTo("office");
    }

    @Test
    void oversizedAndHostileBodiesAreRefusedAndIntakeKeepsServing() {
        String huge = "{\"email\":\"big@example.com\",\"notes\":\"" + "x".repeat(300 * 1024) + "\"}";
        List<Answer> refused = List.of(
                postJson("/flows/shop/sources/web/submit", null, huge),
                answer(http.post().uri("/flows/shop/sources/web/submit").contentType(MediaType.APPLICATION_JSON)
                        .body(Flux.range(0, 300).map(i -> i == 0 ? "{\"a\":\"" : "x".repeat(1024)), String.class)
                        .exchange()),
                answer(http.post().uri("/flows/shop/sources/web/submit").contentType(MediaType.APPLICATION_XML)
                        .bodyValue("<?xml version=\"1.0\"?><!DOCTYPE lead [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                                + "<lead><email>&xxe;</email></lead>").exchange()),
                postJson("/flows/shop/sources/web/submit", null, "[".repeat(5000) + "]".repeat(5000)));

        assertThat(refused).extracting(Answer::status, Answer::contentType).containsExactly(
                org.assertj.core.groups.Tuple.tuple(413, MediaType.TEXT_PLAIN),
                org.assertj.core.groups.Tuple.tuple(413, MediaType.TEXT_PLAIN),
                org.assertj.core.groups.Tuple.tuple(400, MediaType.TEXT_PLAIN),
                org.assertj.core.groups.Tuple.tuple(400, MediaType.TEXT_PLAIN));
        assertThat(refused.get(0).body()).isEqualTo("Request body is larger than 262144 bytes");
        assertThat(refused.get(2).body()).startsWith("Body does not contain XML or XML is unparseable -- DOCTYPE");
        assertThat(refused.get(3).body()).startsWith("Unable to parse JSON -- Document nesting depth");
        assertThat(postJson("/flows/shop/sources/web/submit", null, "{\"email\":\"still@example.com\"}").status())
                .isEqualTo(201);
    }

    @Test
    void expandingEntitiesAndDeepNestingAreRefusedAndIntakeKeepsServing() {
        String laughs = "<?xml version=\"1.0\"?><!DOCTYPE lead [<!ENTITY lol \"lol\">"
                + "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
                + "<!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">]>"
                + "<lead><email>&lol2;</email></lead>";
        String deepXml = "<lead>" + "<a>".repeat(40) + "x" + "</a>".repeat(40) + "</lead>";
        String deepJson = "{\"email\":\"deep@example.com\",\"a\":" + "{\"b\":".repeat(40) + "1" + "}".repeat(40) + "}";
        List<Answer> refused = List.of(
                postXml(laughs),
                postXml(deepXml),
                postJson("/flows/shop/sources/web/submit", null, deepJson),
                answer(http.post().uri("/flows/shop/sources/web/submit").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .bodyValue("email=form@example.com&" + "a.".repeat(40) + "b=1").exchange()));

        assertThat(refused).extracting(Answer::status, Answer::contentType).containsOnly(
                org.assertj.core.groups.Tuple.tuple(400, MediaType.TEXT_PLAIN));
        assertThat(refused.get(0).body()).startsWith("Body does not contain XML or XML is unparseable -- DOCTYPE");
        assertThat(refused.get(1).body()).startsWith("Body does not contain XML or XML is unparseable --");
        assertThat(refused.get(2).body()).startsWith("Unable to parse JSON -- Document nesting depth");
        assertThat(refused.get(3).body()).startsWith("Unable to parse body -- a.a.a.")
                .endsWith("... is nested more than 32 levels deep.");
        assertThat(IntakeCalls.allLeadsReceived(broker)).noneMatch(withEmail("deep@example.com"))
                .noneMatch(withEmail("form@example.com"));
        assertThat(postJson("/flows/shop/sources/web/submit", null, "{\"email\":\"serving@example.com\"}").status())
                .isEqualTo(201);
    }

    private Answer postXml(String xml) {
        return answer(http.post().uri("/flows/shop/sources/web/submit").contentType(MediaType.APPLICATION_XML)
                .bodyValue(xml).exchange());
    }

    private static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    private Answer postJson(String path, String apiKey, String json) {
        WebTestClient.RequestBodySpec request = http.post().uri(path).contentType(MediaType.APPLICATION_JSON);
        if (apiKey != null) {
            request.header("X-Api-Key", apiKey);
        }
        return answer(request.bodyValue(json).exchange());
    }

    private static Predicate<LeadReceived> withEmail(String email) {
        return event -> event.getFields().containsKey("email")
                && email.equals(event.getFields().get("email").getRaw());
    }
}
