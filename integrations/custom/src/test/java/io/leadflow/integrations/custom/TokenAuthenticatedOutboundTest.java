package io.leadflow.integrations.custom;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.integration.IntegrationEvent;
import io.leadflow.integration.IntegrationSettings;
import io.leadflow.integration.OutboundRequest;
import io.leadflow.integration.OutboundResponse;
import io.leadflow.integration.OutboundTransport;
import io.leadflow.integration.testing.JsonFixtures;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code custom.outbound.token_authenticated}, as LeadConduit's token-authenticated JSON tests describe it. */
class TokenAuthenticatedOutboundTest {

    private static final String VARS = """
            {"credential": {"type": "token", "name": "crm", "token": "a-long-lived-api-token",
                            "access_token": "old-token-xyz-789"},
             "url": "https://api.example.com/api/examples/42", "method": "post",
             "json_property": {"campaign_id": "zzz123"},
             "header": {"Authorization": "Bearer access_token"},
             "authentication_url": "https://auth.example.com/login",
             "authentication_header": {"Authorization": "Bearer ACCESS_TOKEN"},
             "authentication_token_path": "access_token",
             "authentication_property": {"scope": "mint"}}""";

    private final TokenAuthenticatedOutbound module = new TokenAuthenticatedOutbound(new JsonOutbound(
            new RequestValidator(IntegrationSettings.defaults()), new ResponseParser()));

    /** Answers each request with the next scripted answer; keeps what was sent. */
    private static final class ScriptedService implements OutboundTransport {

        final List<OutboundRequest> sent = new ArrayList<>();
        private final Deque<OutboundResponse> answers = new ArrayDeque<>();

        ScriptedService(OutboundResponse... answers) {
            this.answers.addAll(List.of(answers));
        }

        @Override
        public CompletableFuture<OutboundResponse> send(OutboundRequest request) {
            sent.add(request);
            return CompletableFuture.completedFuture(answers.removeFirst());
        }
    }

    @Test
    void sendsOnceWithTheCredentialsTokenWhenItIsAccepted() {
        ScriptedService service = new ScriptedService(json(200, "{\"score\":99}"));

        IntegrationEvent event = module.handle(JsonFixtures.vars(VARS), service).join();

        assertThat(event.toFlatMap()).isEqualTo(Map.of("score", 99L, "outcome", "success", "price", 0L));
        assertThat(service.sent).hasSize(1);
        assertThat(service.sent.get(0).headers()).containsEntry("Authorization", "Bearer old-token-xyz-789");
        assertThat(service.sent.get(0).body()).isEqualTo("{\"campaign_id\":\"zzz123\"}");
    }

    @Test
    void refreshesTheTokenOnceWhenTheRecipientRefusesItAndKeepsIt() {
        ScriptedService service = new ScriptedService(json(401, ""),
                json(200, "{\"access_token\":\"new-token-abc-123\"}"), json(200, "{\"score\":99}"),
                json(200, "{\"score\":98}"));

        IntegrationEvent event = module.handle(JsonFixtures.vars(VARS), service).join();
        module.handle(JsonFixtures.vars(VARS), service).join();

        assertThat(event.toFlatMap()).isEqualTo(Map.of("score", 99L, "outcome", "success", "price", 0L));
        assertThat(service.sent).extracting(OutboundRequest::url).containsExactly(
                "https://api.example.com/api/examples/42", "https://auth.example.com/login",
                "https://api.example.com/api/examples/42", "https://api.example.com/api/examples/42");
        OutboundRequest authentication = service.sent.get(1);
        assertThat(authentication.method()).isEqualTo("POST");
        assertThat(authentication.headers()).containsEntry("Authorization", "Bearer old-token-xyz-789");
        assertThat(authentication.body()).isEqualTo("{\"scope\":\"mint\"}");
        assertThat(service.sent.subList(2, 4)).extracting(request -> request.headers().get("Authorization"))
                .containsOnly("Bearer new-token-abc-123");
    }

    @Test
    void triesToRefreshOnlyOnce() {
        ScriptedService service = new ScriptedService(json(401, ""), json(403, "{\"message\":\"nope\"}"),
                json(401, ""));

        IntegrationEvent event = module.handle(JsonFixtures.vars(VARS), service).join();

        assertThat(event.toFlatMap()).isEqualTo(Map.of("outcome", "error",
                "reason", "Unable to authenticate after attempting to refresh token"));
        assertThat(service.sent).hasSize(3);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            all required vars         | ''                        | ''
            base JSON vars            | "url"                     | URL is required
            no token credential       | "credential"              | ID of token credential is required
            no authentication URL     | "authentication_url"      | authentication URL is required
            """)
    void validates(String problem, String removed, String message) {
        String vars = "{\"url\": \"https://example.com/deliver\", \"authentication_url\": \"https://example.com/auth\","
                + " \"credential\": {\"type\": \"token\"}}";
        if (!removed.isEmpty()) {
            var tree = JsonFixtures.JSON.readTree(vars);
            ((tools.jackson.databind.node.ObjectNode) tree).remove(removed.replace("\"", ""));
            vars = tree.toString();
        }

        assertThat(module.validate(JsonFixtures.vars(vars)).orElse("")).isEqualTo(message);
    }

    private static OutboundResponse json(int status, String body) {
        return new OutboundResponse(status, Map.of("Content-Type", List.of("application/json")), body);
    }
}
