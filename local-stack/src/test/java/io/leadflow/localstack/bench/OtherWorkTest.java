package io.leadflow.localstack.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

class OtherWorkTest {

    @Test
    void countsTheBusyTicksThatNoneOfOurProcessesUsed() {
        OtherWork.Sample start = new OtherWork.Sample(10_000, 4_000, Map.of(1L, 1_000L, 2L, 500L));
        OtherWork.Sample end = new OtherWork.Sample(10_400, 4_300, Map.of(1L, 1_150L, 2L, 560L, 3L, 40L));

        // 300 busy ticks, of which ours 150 + 60 + 40 (a process started during the round counts from zero).
        assertThat(OtherWork.share(start, end)).isEqualTo(50 / 400.0);
    }

    @Test
    void neverReportsLessThanNothingWhenOurProcessesAccountForAllTheWork() {
        OtherWork.Sample start = new OtherWork.Sample(10_000, 4_000, Map.of(1L, 1_000L));
        OtherWork.Sample end = new OtherWork.Sample(10_400, 4_300, Map.of(1L, 1_310L));

        assertThat(OtherWork.share(start, end)).isZero();
    }

    @Test
    void countsThisJvmAsOneOfOurProcesses() {
        assumeTrue(Files.isReadable(Path.of("/proc/stat")), "Linux /proc only");

        OtherWork.Sample sample = OtherWork.sample().orElseThrow();

        assertThat(sample.oursTicks()).containsKey(ProcessHandle.current().pid());
        assertThat(sample.busyTicks()).isPositive().isLessThanOrEqualTo(sample.machineTicks());
    }
}
