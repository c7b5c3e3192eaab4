package io.leadflow.delivery.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.leadflow.delivery.domain.StepGate;
import io.leadflow.flow.Flow;
import io.leadflow.flow.RecipientLimits;
import io.leadflow.flow.RetryPolicy;
import io.leadflow.flow.RuleSet;
import io.leadflow.flow.StepDefinition;
import io.leadflow.flow.StepKind;
import io.leadflow.flow.StepResult;
import io.leadflow.integration.Outcome;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RecipientGuardsTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Flow FLOW = new Flow("f", "f", true, "r", List.of(), List.of(), List.of(), Map.of());

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RecipientGuards guards = new RecipientGuards(
            new RecipientGuards.BreakerSettings(50, 4, 4, Duration.ofMinutes(1), 1),
            new RetryAfterCapture((request, timeout) -> null, CLOCK), registry, CLOCK);

    @AfterEach
    void close() {
        guards.close();
    }

    @Test
    void opensTheCircuitAfterTooManyErrorsAndThenAnswersCircuitOpenWithoutCalling() {
        StepDefinition step = recipient("buyer", RecipientLimits.NONE);
        AtomicInteger calls = new AtomicInteger();
        List<String> outcomes = new ArrayList<>();

        for (int i = 0; i < 6; i++) {
            StepGate.Passage passage = guards.pass(FLOW, step, "lead-" + i + ":buyer", () -> {
                calls.incrementAndGet();
                return CompletableFuture.completedFuture(result(step, Outcome.ERROR, "Server error"));
            }).join();
            outcomes.add(passage.result().outcome().wireName() + " " + passage.result().reason());
        }

        assertThat(outcomes).containsExactly("error Server error", "error Server error", "error Server error",
                "error Server error", "error Circuit open", "error Circuit open");
        assertThat(calls).hasValue(4);
        assertThat(guards.state(FLOW, step)).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(registry.get("leadflow.delivery.circuit.state").tag("flow", "f").tag("step", "buyer").gauge()
                .value()).isEqualTo(1.0);
    }

    @Test
    void keepsAnOpenCircuitClosedWhileRecipientsAnswerWithSuccessesAndFailures() {
        StepDefinition step = recipient("buyer", RecipientLimits.NONE);

        for (Outcome outcome : List.of(Outcome.SUCCESS, Outcome.FAILURE, Outcome.ERROR, Outcome.SUCCESS,
                Outcome.SKIP, Outcome.FAILURE)) {
            guards.pass(FLOW, step, "lead:buyer", () -> CompletableFuture.completedFuture(
                    result(step, outcome, null))).join();
        }

        assertThat(guards.state(FLOW, step)).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void letsCallsOverTheConcurrencyLimitWaitInTurnAndRefusesThoseThatWouldWaitTooLong() {
        StepDefinition step = recipient("capped", new RecipientLimits(1, 0));
        CompletableFuture<StepResult> firstAnswer = new CompletableFuture<>();
        List<String> started = new ArrayList<>();

        CompletableFuture<StepGate.Passage> first = guards.pass(FLOW, step, "a", call(started, "a", firstAnswer));
        CompletableFuture<StepGate.Passage> second = guards.pass(FLOW, step, "b",
                call(started, "b", CompletableFuture.completedFuture(result(step, Outcome.SUCCESS, null))));
        CompletableFuture<StepGate.Passage> third = guards.pass(FLOW, step, "c",
                call(started, "c", CompletableFuture.completedFuture(result(step, Outcome.SUCCESS, null))));
        assertThat(started).as("started while the first call is open").containsExactly("a");

        StepGate.Passage refused = second.join();
        StepGate.Passage refusedToo = third.join();
        firstAnswer.complete(result(step, Outcome.SUCCESS, null));

        assertThat(refused.result().reason()).isEqualTo("Concurrency limit of the recipient reached");
        assertThat(refusedToo.result().reason()).isEqualTo("Concurrency limit of the recipient reached");
        assertThat(first.join().result().outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(guards.pass(FLOW, step, "d", call(started, "d",
                CompletableFuture.completedFuture(result(step, Outcome.SUCCESS, null)))).join().result().outcome())
                .isEqualTo(Outcome.SUCCESS);
        assertThat(started).containsExactly("a", "d");
    }

    @Test
    void countsTheCallsOpenPerRecipientStep() {
        StepDefinition slow = recipient("slow", RecipientLimits.NONE);
        StepDefinition quick = recipient("quick", RecipientLimits.NONE);
        CompletableFuture<StepResult> slowAnswer = new CompletableFuture<>();
        List<String> started = new ArrayList<>();

        CompletableFuture<StepGate.Passage> first = guards.pass(FLOW, slow, "a", call(started, "a", slowAnswer));
        CompletableFuture<StepGate.Passage> second = guards.pass(FLOW, slow, "b", call(started, "b", slowAnswer));
        guards.pass(FLOW, quick, "c", call(started, "c",
                CompletableFuture.completedFuture(result(quick, Outcome.SUCCESS, null)))).join();
        List<Double> whileOpen = List.of(inFlight("slow"), inFlight("quick"));
        slowAnswer.complete(result(slow, Outcome.SUCCESS, null));
        first.join();
        second.join();

        assertThat(whileOpen).containsExactly(2.0, 0.0);
        assertThat(List.of(inFlight("slow"), inFlight("quick"))).containsExactly(0.0, 0.0);
    }

    private double inFlight(String step) {
        return registry.get("leadflow.delivery.recipient.in.flight").tag("flow", "f").tag("step", step).gauge()
                .value();
    }

    @Test
    void startsCallsWithinTheRateLimitInTurn() {
        StepDefinition step = recipient("paced", new RecipientLimits(0, 2));
        List<String> started = new ArrayList<>();
        List<CompletableFuture<StepGate.Passage>> passages = new ArrayList<>();

        for (String lead : List.of("a", "b", "c")) {
            passages.add(guards.pass(FLOW, step, lead, call(started, lead,
                    CompletableFuture.completedFuture(result(step, Outcome.SUCCESS, null)))));
        }
        passages.forEach(CompletableFuture::join);

        assertThat(started).containsExactly("a", "b", "c");
        assertThat(passages).allSatisfy(passage -> assertThat(passage.join().result().outcome())
                .isEqualTo(Outcome.SUCCESS));
    }

    private static Supplier<CompletableFuture<StepResult>> call(List<String> started, String lead,
                                                                CompletableFuture<StepResult> answer) {
        return () -> {
            synchronized (started) {
                started.add(lead);
            }
            return answer;
        };
    }

    private static StepDefinition recipient(String id, RecipientLimits limits) {
        return new StepDefinition(id, StepKind.RECIPIENT, "Buyer", "test.outbound.answer", Map.of(), RuleSet.always(),
                null, null, null, Duration.ofSeconds(1), null, null, RetryPolicy.DEFAULT, limits, null);
    }

    private static StepResult result(StepDefinition step, Outcome outcome, String reason) {
        return new StepResult(step.id(), StepKind.RECIPIENT, "Buyer", "test.outbound.answer", outcome, reason, null,
                null, Map.of(), NOW, Duration.ZERO, outcome == Outcome.SKIP ? null : 200);
    }
}
