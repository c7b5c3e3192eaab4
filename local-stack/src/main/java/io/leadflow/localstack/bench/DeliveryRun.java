package io.leadflow.localstack.bench;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/**
 * One run of the delivery benchmark, as its report tells it: when and where, how, the baseline measured in the same
 * run, each load step, and the hanging-buyer phase when it ran.
 *
 * @param stack   the stack measured, in words
 * @param hanging the healthy buyer's step alone and beside a hanging buyer, when that phase ran
 */
record DeliveryRun(ZonedDateTime startedAt, Machine machine, DeliveryOptions options, String stack,
                   Figures baseline, WarmUp.Trace baselineWarmUp, List<DeliveryRound> steps,
                   Optional<HangingPhase> hanging, List<String> notes) {

    DeliveryRun {
        steps = List.copyOf(steps);
        notes = List.copyOf(notes);
    }

    /**
     * The healthy buyer's step without and then with a hanging buyer beside it; {@code hangingRate} leads per second
     * went to the hanging buyer during the second.
     */
    record HangingPhase(DeliveryRound alone, DeliveryRound beside, int hangingRate) {

        /** The share of the healthy buyer's completions per second that the hanging buyer cost. */
        double cost() {
            return alone.completionsPerSecond() == 0 ? Double.NaN
                    : 1 - beside.completionsPerSecond() / alone.completionsPerSecond();
        }
    }

    /** The sustained step with the most completions per second, if any step was sustained. */
    Optional<DeliveryRound> best() {
        return steps.stream().filter(DeliveryRound::sustained)
                .max((first, second) -> Double.compare(first.completionsPerSecond(), second.completionsPerSecond()));
    }
}
