package io.leadflow.flow.run;

import io.leadflow.flow.Flow;
import io.leadflow.flow.Lead;
import io.leadflow.flow.LeadStop;
import io.leadflow.flow.StepDefinition;
import io.leadflow.flow.StepKind;
import io.leadflow.flow.StepResult;
import io.leadflow.flow.rules.LeadView;
import io.leadflow.flow.rules.Rules;
import io.leadflow.integration.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Runs a lead through a run of steps in flow order, each step seeing what the earlier ones appended: the leading
 * enhancement and filter steps ({@link #runEnhancement}) or the recipient and filter steps after them
 * ({@link #runDelivery}). A filter whose rules match stops the lead.
 */
public final class FlowRunner {

    private final StepRunner stepRunner;
    private final StepObserver observer;
    private final Clock clock;

    public FlowRunner(StepRunner stepRunner, StepObserver observer, Clock clock) {
        this.stepRunner = stepRunner;
        this.observer = observer;
        this.clock = clock;
    }

    public CompletableFuture<PassResult> runEnhancement(Flow flow, Lead lead) {
        return run(flow, flow.enhancementSteps(), new LeadView(flow, lead, List.of()));
    }

    /** Runs the delivery steps, which also see the results of the enhancement steps that ran before. */
    public CompletableFuture<PassResult> runDelivery(Flow flow, Lead lead, List<StepResult> enhancementResults) {
        return run(flow, flow.deliverySteps(), new LeadView(flow, lead, enhancementResults));
    }

    private CompletableFuture<PassResult> run(Flow flow, List<StepDefinition> steps, LeadView view) {
        return next(flow, steps, 0, view, new ArrayList<>());
    }

    private CompletableFuture<PassResult> next(Flow flow, List<StepDefinition> steps, int index, LeadView view,
                                               List<StepResult> done) {
        if (index == steps.size()) {
            return CompletableFuture.completedFuture(new PassResult(List.copyOf(done), null));
        }
        StepDefinition step = steps.get(index);
        return runStep(flow, step, view).thenCompose(result -> {
            done.add(result);
            Optional<LeadStop> stop = stopBy(step, result);
            if (stop.isPresent()) {
                return CompletableFuture.completedFuture(new PassResult(List.copyOf(done), stop.get()));
            }
            return next(flow, steps, index + 1, view.with(result), done);
        });
    }

    /**
     * Runs one step for a lead that has seen {@code view}: a filter evaluates its rules, an enhancement or recipient
     * step runs through the step runner. The observer hears of the result; never completes exceptionally.
     */
    public CompletableFuture<StepResult> runStep(Flow flow, StepDefinition step, LeadView view) {
        CompletableFuture<StepResult> result;
        if (step.kind() == StepKind.FILTER) {
            Optional<String> unmet = Rules.unmet(step.criteria(), view);
            result = CompletableFuture.completedFuture(filterResult(step, unmet,
                    unmet.isEmpty() && Rules.holds(step.ruleSet(), view)));
        } else {
            result = stepRunner.run(step, view);
        }
        return result.thenApply(finished -> {
            observer.stepFinished(flow, finished);
            return finished;
        });
    }

    /**
     * Runs a recipient step for several leads at once ({@link StepRunner#runBatch}); the observer hears of each
     * result. The results are in the order of {@code views}; never completes exceptionally.
     */
    public CompletableFuture<List<StepResult>> runBatch(Flow flow, StepDefinition step, List<LeadView> views) {
        return stepRunner.runBatch(step, views).thenApply(results -> {
            results.forEach(result -> observer.stepFinished(flow, result));
            return results;
        });
    }

    /** The stop a finished step means: a filter whose rules matched stops the lead with its outcome and reason. */
    public static Optional<LeadStop> stopBy(StepDefinition step, StepResult result) {
        // A filter that lets the lead through reports success without a reason; one that stops it always has one
        // (its configured reason or the default), whatever its configured outcome, success included.
        boolean stops = step.kind() == StepKind.FILTER && result.outcome() != Outcome.SKIP && result.reason() != null;
        return stops ? Optional.of(new LeadStop(step.id(), step.outcome(), step.reason())) : Optional.empty();
    }

    /**
     * A filter whose criteria do not hold is skipped, naming them; one that stops the lead reports its outcome and
     * reason; one that lets it through reports success.
     */
    private StepResult filterResult(StepDefinition step, Optional<String> unmetCriteria, boolean stops) {
        Outcome outcome = unmetCriteria.isPresent() ? Outcome.SKIP : stops ? step.outcome() : Outcome.SUCCESS;
        String reason = unmetCriteria.map(StepRunner::criteriaNotMet).orElse(stops ? step.reason() : null);
        return new StepResult(step.id(), StepKind.FILTER, null, null, outcome, reason, null, null, Map.of(),
                clock.instant(), Duration.ZERO, null);
    }
}
