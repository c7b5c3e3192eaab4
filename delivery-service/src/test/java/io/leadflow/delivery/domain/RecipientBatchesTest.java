package io.leadflow.delivery.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.leadflow.flow.Flow;
import io.leadflow.flow.FlowLoader;
import io.leadflow.flow.Lead;
import io.leadflow.flow.References;
import io.leadflow.flow.StepDefinition;
import io.leadflow.flow.StepResult;
import io.leadflow.flow.rules.LeadView;
import io.leadflow.flow.run.FlowRunner;
import io.leadflow.flow.run.OutboundHttp;
import io.leadflow.flow.run.StepRunner;
import io.leadflow.flow.testing.AnswerOutbound;
import io.leadflow.integration.OutboundResponse;
import io.leadflow.integration.Outcome;
import io.leadflow.integration.TypedValue;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RecipientBatchesTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Flow FLOW = new FlowLoader(AnswerOutbound.catalog(), new References(name -> null,
            Path.of("."))).parse("bulk.yaml", """
                    id: bulk
                    sources: [ { id: web } ]
                    steps:
                      - id: bulk-buyer
                        type: recipient
                        entity: Bulk Buyer
                        integration: test.outbound.answer
                        batch: { max_leads: 2, max_wait: 1s }
                        mappings: { url: "https://bulk.example/leads", field.lead: "{{lead.name}}" }
                    """);
    private static final StepDefinition STEP = FLOW.step("bulk-buyer").orElseThrow();

    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<Integer> sizes = new CopyOnWriteArrayList<>();
    private final RecipientBatches batches = new RecipientBatches(runner(), sizes::add);

    @AfterEach
    void close() {
        batches.close();
    }

    @Test
    void sendsABatchOnceItIsFullAndTheRestOnceTheFirstOfThemWaitedMaxWait() {
        CompletableFuture<StepResult> first = batches.add(FLOW, STEP, view("a"));
        CompletableFuture<StepResult> second = batches.add(FLOW, STEP, view("b"));
        CompletableFuture<StepResult> third = batches.add(FLOW, STEP, view("c"));

        assertThat(sizes).as("the full batch goes at once, the third lead waits").containsExactly(2);
        assertThat(Arrays.asList(first.join().reason(), second.join().reason())).containsExactly(null, "rejected: b");
        assertThat(third).isNotDone();
        await().atMost(Duration.ofSeconds(10)).until(third::isDone);
        assertThat(sizes).containsExactly(2, 1);
        assertThat(bodies).containsExactly("lead=a\n---\nlead=b", "lead=c");
        assertThat(third.join().outcome()).isEqualTo(Outcome.SUCCESS);
    }

    /** Buyer accepts lead "a" and "c" and rejects "b". */
    private FlowRunner runner() {
        OutboundHttp buyer = (request, timeout) -> {
            bodies.add(request.body());
            String answer = String.join(AnswerOutbound.SEPARATOR, List.of(request.body().split(AnswerOutbound.SEPARATOR))
                    .stream().map(body -> body.equals("lead=b") ? "rejected: b" : "accepted").toList());
            return CompletableFuture.completedFuture(new OutboundResponse(200, Map.of(), answer));
        };
        return new FlowRunner(new StepRunner(AnswerOutbound.catalog(), buyer, new References(name -> null,
                Path.of(".")), CLOCK), (flow, result) -> { }, CLOCK);
    }

    private static LeadView view(String name) {
        return new LeadView(FLOW, new Lead("lead-" + name, "bulk", FLOW.revision(), "web", NOW,
                Map.of("name", new TypedValue("string", name, name, true, Map.of()))), List.of());
    }
}
