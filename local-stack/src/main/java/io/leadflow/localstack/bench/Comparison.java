package io.leadflow.localstack.bench;

import java.util.List;
import java.util.Locale;

/**
 * Intake against the baseline: each target's mean over its rounds, the two ratios, and the verdict against the target
 * of issue 2 (intake at least 50 % of the baseline's throughput at a p99 no worse than twice the baseline's).
 */
record Comparison(Figures baseline, Figures intake) {

    static final double MIN_THROUGHPUT_RATIO = 0.5;
    static final double MAX_P99_RATIO = 2.0;

    enum Verdict { PASS, MISS, NO_VERDICT }

    /** Compares the mean of the baseline's rounds with the mean of intake's. */
    static Comparison of(List<Measurement> measurements) {
        return new Comparison(meanOf(measurements, Target.BASELINE), meanOf(measurements, Target.INTAKE));
    }

    double throughputRatio() {
        return intake.leadsPerSecond() / baseline.leadsPerSecond();
    }

    double p99Ratio() {
        return intake.p99Millis() / baseline.p99Millis();
    }

    /** No verdict when a request failed or the baseline answered nothing: such figures measure no working service. */
    Verdict verdict() {
        if (baseline.hadFailures() || intake.hadFailures() || baseline.leadsPerSecond() == 0) {
            return Verdict.NO_VERDICT;
        }
        return meetsThroughput() && meetsP99() ? Verdict.PASS : Verdict.MISS;
    }

    /** The verdict in one plain sentence. */
    String statement() {
        Verdict verdict = verdict();
        if (verdict == Verdict.NO_VERDICT) {
            return "NO VERDICT: requests failed (baseline: " + failures(baseline) + "; intake: " + failures(intake)
                    + "), so these figures do not measure a working service. Find the cause in the logs and run again.";
        }
        String figures = String.format(Locale.ROOT, "intake reached %.1f %% of the baseline's throughput (target: at"
                        + " least %.0f %%) at %.2f times its p99 latency (target: at most %.0f times)",
                100 * throughputRatio(), 100 * MIN_THROUGHPUT_RATIO, p99Ratio(), MAX_P99_RATIO);
        if (verdict == Verdict.PASS) {
            return "PASS: " + figures + ".";
        }
        String missed = !meetsThroughput() && !meetsP99() ? "both targets"
                : meetsThroughput() ? "the p99 target" : "the throughput target";
        return "MISS: " + figures + "; it missed " + missed + ".";
    }

    private boolean meetsThroughput() {
        return throughputRatio() >= MIN_THROUGHPUT_RATIO;
    }

    private boolean meetsP99() {
        return p99Ratio() <= MAX_P99_RATIO;
    }

    private static String failures(Figures figures) {
        return counted(figures.failedAnswers(), "non-2xx answer") + ", " + counted(figures.errors(), "error");
    }

    private static String counted(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    private static Figures meanOf(List<Measurement> measurements, Target target) {
        return Figures.meanOf(measurements.stream()
                .filter(measurement -> measurement.target() == target)
                .map(Measurement::figures)
                .toList());
    }
}
