package io.leadflow.localstack.bench;

import java.util.List;

/**
 * What a round measured: leads answered with 2xx per second, latency percentiles and maximum in milliseconds, and
 * the requests that failed (answered with another status, or not answered at all).
 */
record Figures(double leadsPerSecond, double p50Millis, double p90Millis, double p99Millis, double maxMillis,
               long failedAnswers, long errors) {

    /** The mean of each figure over the rounds; failures are added up, not averaged. */
    static Figures meanOf(List<Figures> rounds) {
        if (rounds.isEmpty()) {
            throw new IllegalArgumentException("no rounds to average");
        }
        return new Figures(
                rounds.stream().mapToDouble(Figures::leadsPerSecond).average().orElseThrow(),
                rounds.stream().mapToDouble(Figures::p50Millis).average().orElseThrow(),
                rounds.stream().mapToDouble(Figures::p90Millis).average().orElseThrow(),
                rounds.stream().mapToDouble(Figures::p99Millis).average().orElseThrow(),
                rounds.stream().mapToDouble(Figures::maxMillis).average().orElseThrow(),
                rounds.stream().mapToLong(Figures::failedAnswers).sum(),
                rounds.stream().mapToLong(Figures::errors).sum());
    }

    boolean hadFailures() {
        return failedAnswers > 0 || errors > 0;
    }
}
