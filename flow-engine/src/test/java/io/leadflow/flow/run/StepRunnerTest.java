package io.leadflow.flow.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.flow.Flow;
import io.leadflow.flow.FlowLoader;
import io.leadflow.flow.Lead;
import io.leadflow.flow.References;
import io.leadflow.flow.StepResult;
import io.leadflow.flow.rules.LeadView;
import io.leadflow.flow.testing.TextLinesOutbound;
import io.leadflow.integration.HandleOutbound;
import io.leadflow.integration.IntegrationCatalog;
import io.leadflow.integration.IntegrationEvent;
import io.leadflow.integration.IntegrationException;
import io.leadflow.integration.OutboundRequest;
import io.leadflow.integration.OutboundResponse;
import io.leadflow.integration.OutboundTransport;
import io.leadflow.integration.Outcome;
import io.leadflow.integration.TypedValue;
import io.leadflow.integration.VariableSpec;
import io.leadflow.integration.Vars;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The step runner with a module that does its own I/O: variables it gets, requests it sends, what comes back. */
class StepRunnerTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
    private static final Map<String, String> ENVIRONMENT = Map.of("TOKEN", "t-1", "API_TOKEN", "api-1");

    /** {@code test.outbound.relay}: GETs {@code url}, then POSTs what it got to {@code url}/next; appends the vars. */
    private static final class RelayOutbound implements HandleOutbound {

        final List<Vars> seen = new ArrayList<>();

        @Override
        public String id() {
            return "test.outbound.relay";
        }

        @Override
        public List<VariableSpec> requestVariables() {
            return List.of(VariableSpec.required("url", "string", "Where to send"),
                    VariableSpec.optional("fail", "string", "A reason to fail with"));
        }

        @Override
        public List<VariableSpec> responseVariables() {
            return List.of();
        }

        @Override
        public Optional<String> validate(Vars vars) {
            return Optional.empty();
        }

        @Override
        public CompletableFuture<IntegrationEvent> handle(Vars vars, OutboundTransport transport) {
            seen.add(vars);
            if (vars.text("fail").isPresent()) {
                return CompletableFuture.failedFuture(new IntegrationException(vars.text("fail").get()));
            }
            String url = vars.text("url").orElseThrow();
            return transport.send(new OutboundRequest("GET", url, Map.of(), null, false))
                    .thenCompose(first -> transport.send(new OutboundRequest("POST", url + "/next", Map.of(),
                            first.body(), false)))
                    .thenApply(second -> new IntegrationEvent(Outcome.SUCCESS, null, "2.5", "ref-" + second.body(),
                            Map.of("relayed", second.body())));
        }
    }

    private final RelayOutbound relay = new RelayOutbound();
    private final IntegrationCatalog catalog = TextLinesOutbound.catalogOf(relay);
    private final References references = new References(ENVIRONMENT::get, Path.of("."));
    private final List<OutboundRequest> sent = new ArrayList<>();
    private final StepRunner runner = new StepRunner(catalog, (request, timeout) -> {
        sent.add(request);
        return CompletableFuture.completedFuture(new OutboundResponse(200, Map.of(), "answer-" + sent.size()));
    }, references, Clock.fixed(NOW, ZoneOffset.UTC));

    private Flow flow(String credential, String mappings) {
        return new FlowLoader(catalog, references).parse("relay.yaml", """
                id: relay
                sources: [ { id: web } ]
                credentials:
                  bearer: { type: bearer, token: "${env:TOKEN}" }
                  tokens: { type: token, attributes: { api_token: "${env:API_TOKEN}" } }
                  mail: { type: smtp, host: smtp.example, security: tls, username: leads, password: "${env:TOKEN}" }
                steps:
                  - { id: relay, type: recipient, entity: Relay, integration: test.outbound.relay,
                      credential: %s, mappings: { %s } }
                """.formatted(credential, mappings));
    }

    private StepResult run(Flow flow) {
        Lead lead = new Lead("lead-1", "relay", flow.revision(), "web", NOW,
                Map.of("phone", new TypedValue("phone", "(512) 789-1111", "5127891111", true, Map.of())));
        return runner.run(flow.steps().get(0), new LeadView(flow, lead, List.of())).join();
    }

    @Test
    void aModuleDoingItsOwnIoSendsEveryRequestWithTheStepsCredentialAndIdempotencyKey() {
        StepResult result = run(flow("bearer", "url: \"https://relay.example\""));

        assertThat(sent).extracting(OutboundRequest::method, OutboundRequest::url, OutboundRequest::headers)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("GET", "https://relay.example", Map.of(
                                "Idempotency-Key", "lead-1:relay", "Authorization", "Bearer t-1")),
                        org.assertj.core.groups.Tuple.tuple("POST", "https://relay.example/next", Map.of(
                                "Idempotency-Key", "lead-1:relay", "Authorization", "Bearer t-1")));
        assertThat(result).extracting(StepResult::outcome, StepResult::price, StepResult::reference,
                        StepResult::appended, StepResult::httpStatus)
                .containsExactly(Outcome.SUCCESS, 2.5, "ref-answer-2", Map.of("relayed", "answer-2"), null);
    }

    @Test
    void theModuleSeesTheLeadsFieldsTheMappingsAndATokenCredentialsAttributes() {
        run(flow("tokens", "url: \"https://relay.example\""));

        Vars vars = relay.seen.get(0);
        assertThat(vars.get("lead.phone")).isEqualTo(
                new TypedValue("phone", "(512) 789-1111", "5127891111", true, Map.of()));
        assertThat(vars.get("url")).isEqualTo("https://relay.example");
        assertThat(vars.get("credential")).isEqualTo(Map.of("type", "token", "name", "tokens", "api_token", "api-1"));
        assertThat(vars.get("timeout_seconds")).isEqualTo(10.0);
        assertThat(sent).allSatisfy(request -> assertThat(request.headers()).doesNotContainKey("Authorization"));
    }

    @Test
    void theModuleSeesAnSmtpCredentialsSettingsResolvedAndNothingAppliesThemToHttp() {
        run(flow("mail", "url: \"https://relay.example\""));

        assertThat(relay.seen.get(0).get("credential")).isEqualTo(Map.of("type", "smtp", "name", "mail",
                "host", "smtp.example", "security", "tls", "username", "leads", "password", "t-1"));
        assertThat(sent).allSatisfy(request -> assertThat(request.headers()).doesNotContainKey("Authorization"));
    }

    @Test
    void aModuleThatCannotMakeAnEventIsAnErrorWithItsReason() {
        StepResult result = run(flow("bearer", "url: \"https://relay.example\", fail: \"Unsupported SOAP function\""));

        assertThat(result).extracting(StepResult::outcome, StepResult::reason)
                .containsExactly(Outcome.ERROR, "Unsupported SOAP function");
        assertThat(sent).isEmpty();
    }
}
