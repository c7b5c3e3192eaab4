package io.leadflow.flow.run;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.leadflow.flow.testing.EchoOutbound;
import io.leadflow.flow.Flow;
import io.leadflow.flow.FlowLoader;
import io.leadflow.flow.Lead;
import io.leadflow.flow.References;
import io.leadflow.flow.StepResult;
import io.leadflow.flow.http.ReactorOutboundHttp;
import io.leadflow.flow.rules.LeadView;
import io.leadflow.integration.Outcome;
import io.leadflow.integration.types.FieldTypes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A step's {@code cache_ttl}: the same variables within the TTL are one call to the service, counted in the metrics. */
class StepCacheTest {

    private static final WireMockServer lookup = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    private static final ReactorOutboundHttp http = new ReactorOutboundHttp(true, 10);

    private final MovableClock clock = new MovableClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final StepMetrics metrics = new StepMetrics(registry, "enhancement");
    private final References references = new References(Map.of("LOOKUP_URL", lookupUrl())::get, Path.of("."));
    private final StepRunner runner = new StepRunner(EchoOutbound.catalog(), http, references, clock,
            new StepCache(clock, StepCache.DEFAULT_MAXIMUM_ENTRIES, metrics));

    @BeforeAll
    static void start() {
        lookup.start();
    }

    @AfterAll
    static void stop() {
        lookup.stop();
        http.close();
    }

    @BeforeEach
    void answerAccepted() {
        lookup.resetAll();
        answer(200, "accepted");
    }

    private static String lookupUrl() {
        return "http://127.0.0.1:" + lookup.port();
    }

    private static void answer(int status, String body) {
        lookup.stubFor(post(urlEqualTo("/lookup")).willReturn(aResponse().withStatus(status).withBody(body)));
    }

    private Flow flow(String id, String cacheTtl) {
        return new FlowLoader(EchoOutbound.catalog(), references).parse(id + ".yaml", """
                id: %s
                sources: [ { id: web } ]
                steps:
                  - id: phone-check
                    type: enhancement
                    entity: Phone Check
                    integration: test.outbound.echo
                    cache_ttl: %s
                    mappings: { url: "${env:LOOKUP_URL}/lookup", field.phone: "{{lead.phone_1}}" }
                """.formatted(id, cacheTtl));
    }

    private StepResult lookUp(Flow flow, String phone, String email) {
        Lead lead = new Lead("lead-" + phone + email, flow.id(), flow.revision(), "web", clock.instant(), Map.of(
                "phone_1", FieldTypes.parse("phone", phone), "email", FieldTypes.parse("email", email)));
        return runner.run(flow.steps().get(0), new LeadView(flow, lead, List.of())).join();
    }

    private int calls() {
        return lookup.countRequestsMatching(postRequestedFor(urlEqualTo("/lookup")).build()).getCount();
    }

    private double count(String flow, String result) {
        Counter counter = registry.find("leadflow.enhancement.step.cache")
                .tags("flow", flow, "step", "phone-check", "integration", "test.outbound.echo", "result", result)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void theSamePhoneTwiceWithinTheTtlIsOneCallAndAfterExpiryTwo() {
        Flow flow = flow("solar", "24h");

        StepResult first = lookUp(flow, "512-789-1111", "a@example.com");
        clock.advance(Duration.ofHours(23));
        StepResult second = lookUp(flow, "(512) 789-1111", "b@example.com");

        assertThat(calls()).isEqualTo(1);
        assertThat(Stream.of(first, second)).extracting(StepResult::outcome, StepResult::appended, StepResult::httpStatus)
                .containsExactly(
                        tuple(Outcome.SUCCESS, Map.of("answer", "accepted", "echo", Map.of("phone", "5127891111")), 200),
                        tuple(Outcome.SUCCESS, Map.of("answer", "accepted", "echo", Map.of("phone", "5127891111")), 200));

        clock.advance(Duration.ofHours(1));
        lookUp(flow, "512-789-1111", "a@example.com");

        assertThat(calls()).isEqualTo(2);
        assertThat(List.of(count("solar", "miss"), count("solar", "hit"))).containsExactly(2.0, 1.0);
    }

    @Test
    void anotherPhoneIsAnotherCall() {
        Flow flow = flow("solar", "24h");

        lookUp(flow, "512-789-1111", "a@example.com");
        lookUp(flow, "512-789-2222", "a@example.com");

        assertThat(calls()).isEqualTo(2);
        assertThat(List.of(count("solar", "miss"), count("solar", "hit"))).containsExactly(2.0, 0.0);
    }

    @Test
    void successAndFailureAreKeptButAnErrorIsAskedAgain() {
        record Case(int status, String body, String phone, Outcome outcome, int callsForTwoLookups) {
        }
        List<Case> cases = List.of(
                new Case(200, "accepted", "512-789-1111", Outcome.SUCCESS, 1),
                new Case(200, "landline", "512-789-2222", Outcome.FAILURE, 1),
                new Case(503, "busy", "512-789-3333", Outcome.ERROR, 2));
        for (Case row : cases) {
            lookup.resetAll();
            answer(row.status(), row.body());
            Flow flow = flow("solar", "1h");

            StepResult first = lookUp(flow, row.phone(), "a@example.com");
            StepResult second = lookUp(flow, row.phone(), "a@example.com");

            assertThat(List.of(first.outcome(), second.outcome(), calls())).as(row.toString())
                    .containsExactly(row.outcome(), row.outcome(), row.callsForTwoLookups());
        }
    }

    @Test
    void anAnswerKeptForALongerTtlIsNotUsedBeyondTheStepsOwnTtl() {
        Flow daily = flow("daily", "24h");
        Flow hourly = flow("hourly", "1h");

        lookUp(daily, "512-789-1111", "a@example.com");
        clock.advance(Duration.ofMinutes(30));
        lookUp(hourly, "512-789-1111", "a@example.com");
        clock.advance(Duration.ofMinutes(60));
        lookUp(hourly, "512-789-1111", "a@example.com");
        lookUp(daily, "512-789-1111", "a@example.com");

        assertThat(calls()).isEqualTo(2);
        assertThat(List.of(count("daily", "miss"), count("daily", "hit"), count("hourly", "miss"),
                count("hourly", "hit"))).containsExactly(1.0, 1.0, 1.0, 1.0);
    }

    @Test
    void theKeyIsAHashOfModuleCredentialAndVariablesNeverTheValues() {
        String key = StepCache.key("phone.outbound.lookup", null, Map.of("phone", "5127891111"));

        assertThat(key).hasSize(64).matches("[0-9a-f]+").doesNotContain("5127891111");
        assertThat(StepCache.key("phone.outbound.lookup", null, Map.of("phone", "5127891111"))).isEqualTo(key);
        assertThat(List.of(StepCache.key("phone.outbound.other", null, Map.of("phone", "5127891111")),
                StepCache.key("phone.outbound.lookup", null, Map.of("phone", "5127891112")),
                StepCache.key("phone.outbound.lookup", null, Map.of("phone", "5127891111", "country", "US"))))
                .doesNotContain(key).doesNotHaveDuplicates();
    }

    @Test
    void keepsAtMostItsMaximumNumberOfAnswers() {
        StepRunner small = new StepRunner(EchoOutbound.catalog(), http, references, clock, new StepCache(clock, 2, metrics));
        Flow flow = flow("solar", "24h");
        List<String> phones = List.of("512-789-1111", "512-789-2222", "512-789-3333", "512-789-4444");
        for (int round = 0; round < 2; round++) {
            for (String phone : phones) {
                Lead lead = new Lead("lead-1", "solar", flow.revision(), "web", clock.instant(),
                        Map.of("phone_1", FieldTypes.parse("phone", phone)));
                small.run(flow.steps().get(0), new LeadView(flow, lead, List.of())).join();
            }
        }

        assertThat(count("solar", "hit")).isLessThanOrEqualTo(2.0);
        assertThat(calls()).isGreaterThanOrEqualTo(6);
    }

    private static final class MovableClock extends Clock {

        private Instant now = Instant.parse("2026-11-28T10:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
