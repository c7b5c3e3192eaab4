package io.leadflow.localstack.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ComparisonTest {

    @ParameterizedTest(name = "{0} leads/s at p99 {1} ms vs {2} at {3} ms: {4}")
    @CsvSource(delimiter = '|', textBlock = """
            20000 | 8.0 | 12000 | 12.0 | PASS | PASS: intake reached 60.0 % of the baseline's throughput (target: at least 50 %) at 1.50 times its p99 latency (target: at most 2 times).
            20000 | 8.0 | 10000 | 16.0 | PASS | PASS: intake reached 50.0 % of the baseline's throughput (target: at least 50 %) at 2.00 times its p99 latency (target: at most 2 times).
            20000 | 8.0 | 9980  | 12.0 | MISS | MISS: intake reached 49.9 % of the baseline's throughput (target: at least 50 %) at 1.50 times its p99 latency (target: at most 2 times); it missed the throughput target.
            20000 | 8.0 | 9000  | 12.0 | MISS | MISS: intake reached 45.0 % of the baseline's throughput (target: at least 50 %) at 1.50 times its p99 latency (target: at most 2 times); it missed the throughput target.
            20000 | 8.0 | 12000 | 16.1 | MISS | MISS: intake reached 60.0 % of the baseline's throughput (target: at least 50 %) at 2.01 times its p99 latency (target: at most 2 times); it missed the p99 target.
            20000 | 8.0 | 9000  | 20.0 | MISS | MISS: intake reached 45.0 % of the baseline's throughput (target: at least 50 %) at 2.50 times its p99 latency (target: at most 2 times); it missed both targets.
            20000 | 8.0 | 25000 | 4.0  | PASS | PASS: intake reached 125.0 % of the baseline's throughput (target: at least 50 %) at 0.50 times its p99 latency (target: at most 2 times).
            """)
    void judgesIntakeAgainstTheTargetWithoutRoundingInItsFavour(double baselineLeads, double baselineP99,
                                                                 double intakeLeads, double intakeP99,
                                                                 Comparison.Verdict verdict, String statement) {
        Comparison comparison = new Comparison(figures(baselineLeads, baselineP99, 0, 0),
                figures(intakeLeads, intakeP99, 0, 0));

        assertThat(comparison.verdict()).isEqualTo(verdict);
        assertThat(comparison.statement()).isEqualTo(statement);
    }

    @ParameterizedTest(name = "baseline {0}/{1}, intake {2}/{3}")
    @CsvSource(delimiter = '|', textBlock = """
            0 | 0 | 3 | 0 | NO VERDICT: requests failed (baseline: 0 non-2xx answers, 0 errors; intake: 3 non-2xx answers, 0 errors), so these figures do not measure a working service. Find the cause in the logs and run again.
            0 | 0 | 1 | 1 | NO VERDICT: requests failed (baseline: 0 non-2xx answers, 0 errors; intake: 1 non-2xx answer, 1 error), so these figures do not measure a working service. Find the cause in the logs and run again.
            2 | 5 | 0 | 0 | NO VERDICT: requests failed (baseline: 2 non-2xx answers, 5 errors; intake: 0 non-2xx answers, 0 errors), so these figures do not measure a working service. Find the cause in the logs and run again.
            """)
    void givesNoVerdictWhenARequestFailed(long baselineFailed, long baselineErrors, long intakeFailed,
                                          long intakeErrors, String statement) {
        Comparison comparison = new Comparison(figures(20000, 8.0, baselineFailed, baselineErrors),
                figures(12000, 12.0, intakeFailed, intakeErrors));

        assertThat(comparison.verdict()).isEqualTo(Comparison.Verdict.NO_VERDICT);
        assertThat(comparison.statement()).isEqualTo(statement);
    }

    @Test
    void comparesTheMeanOfEachTargetsRounds() {
        Comparison comparison = Comparison.of(List.of(
                new Measurement(Target.BASELINE, 1, new Figures(19000, 2.0, 4.0, 7.0, 20.0, 0, 0), 1.2, 0.01),
                new Measurement(Target.INTAKE, 1, new Figures(9000, 5.0, 9.0, 14.0, 50.0, 1, 0), 1.4, 0.01),
                new Measurement(Target.BASELINE, 2, new Figures(21000, 3.0, 5.0, 9.0, 30.0, 0, 2), 1.3, 0.01),
                new Measurement(Target.INTAKE, 2, new Figures(11000, 6.0, 10.0, 16.0, 70.0, 0, 0), 1.5, 0.01)));

        assertThat(comparison).isEqualTo(new Comparison(
                new Figures(20000, 2.5, 4.5, 8.0, 25.0, 0, 2),
                new Figures(10000, 5.5, 9.5, 15.0, 60.0, 1, 0)));
        assertThat(comparison.throughputRatio()).isEqualTo(0.5);
        assertThat(comparison.p99Ratio()).isEqualTo(1.875);
    }

    private static Figures figures(double leadsPerSecond, double p99Millis, long failedAnswers, long errors) {
        return new Figures(leadsPerSecond, p99Millis / 4, p99Millis / 2, p99Millis, p99Millis * 3, failedAnswers,
                errors);
    }
}
