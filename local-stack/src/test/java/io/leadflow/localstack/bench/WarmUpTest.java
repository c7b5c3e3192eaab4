package io.leadflow.localstack.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class WarmUpTest {

    record Case(String name, List<Double> slices, boolean stable) {

        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Case> CASES = List.of(
            new Case("too few slices to tell", List.of(9000.0, 9000.0, 9000.0), false),
            new Case("four slices within 5 %", List.of(100.0, 300.0, 9000.0, 9200.0, 9100.0, 8800.0), true),
            new Case("still climbing 2 % a slice", List.of(9000.0, 9180.0, 9360.0, 9550.0), false),
            new Case("a dip in the last four", List.of(9000.0, 9100.0, 8000.0, 9050.0), false),
            new Case("nothing answered", List.of(0.0, 0.0, 0.0, 0.0), false));

    @ParameterizedTest(name = "{0}")
    @FieldSource("CASES")
    void isStableWhenTheLastFourSlicesAreWithinFivePercent(Case example) {
        assertThat(WarmUp.isStable(example.slices())).isEqualTo(example.stable());
    }

    @Test
    void endsWithTheSliceThatMadeItStableAndTellsEveryRate() throws InterruptedException {
        List<Double> told = new ArrayList<>();
        List<Duration> asked = new ArrayList<>();
        Iterator<Double> rates = List.of(100.0, 2_000.0, 9_000.0, 9_100.0, 9_050.0, 9_000.0, 1.0).iterator();

        WarmUp.Trace trace = WarmUp.run(slice -> {
            asked.add(slice);
            return rates.next();
        }, Duration.ofMinutes(3), told::add);

        assertThat(trace).isEqualTo(new WarmUp.Trace(List.of(100.0, 2_000.0, 9_000.0, 9_100.0, 9_050.0, 9_000.0), true));
        assertThat(told).isEqualTo(trace.slices());
        assertThat(asked).hasSize(6).containsOnly(WarmUp.SLICE);
        assertThat(trace.length()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void stopsAtTheLongestWarmUpWhenNeverStable() throws InterruptedException {
        Iterator<Double> rates = List.of(100.0, 200.0, 400.0, 800.0, 1_600.0, 3_200.0).iterator();

        WarmUp.Trace trace = WarmUp.run(slice -> rates.next(), Duration.ofSeconds(17), rate -> { });

        assertThat(trace).isEqualTo(new WarmUp.Trace(List.of(100.0, 200.0, 400.0), false));
    }

    @Test
    void aWarmUpShorterThanOneSliceLoadsNothing() throws InterruptedException {
        WarmUp.Trace trace = WarmUp.run(slice -> {
            throw new AssertionError("no load expected");
        }, Duration.ofSeconds(4), rate -> { });

        assertThat(trace).isEqualTo(WarmUp.Trace.skipped());
    }
}
