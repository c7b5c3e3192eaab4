package io.leadflow.localstack.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BenchOptionsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            intake                                             | 64   | 180 | 30  | LOCAL  | false
            intake --connections 16                            | 16   | 180 | 30  | LOCAL  | false
            intake --connections=1                             | 1    | 180 | 30  | LOCAL  | false
            intake --warmup 0 --duration 5                     | 64   | 0   | 5   | LOCAL  | false
            intake --warmup=1m --duration=2m --connections 128 | 128  | 60  | 120 | LOCAL  | false
            intake --duration 45s --warmup 10S                 | 64   | 10  | 45  | LOCAL  | false
            intake --connections 10000                         | 10000| 180 | 30  | LOCAL  | false
            intake --stack intake                              | 64   | 180 | 30  | INTAKE | false
            intake --stack=full --profile                      | 64   | 180 | 30  | FULL   | true
            intake --profile --stack intake --warmup 2m        | 64   | 120 | 30  | INTAKE | true
            """)
    void readsTheOptionsWithTheirDefaults(String arguments, int connections, long warmupSeconds,
                                          long durationSeconds, StackMode stack, boolean profile) {
        assertThat(BenchOptions.parse(split(arguments))).isEqualTo(new BenchOptions.Run(new BenchOptions(
                connections, Duration.ofSeconds(warmupSeconds), Duration.ofSeconds(durationSeconds), stack, profile)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ''                            | Name what to benchmark: only 'intake' can be benchmarked.
            delivery                      | Cannot benchmark 'delivery': only 'intake' can be benchmarked.
            --connections 8               | Cannot benchmark '--connections': only 'intake' can be benchmarked.
            intake --connections          | --connections needs a value.
            intake --connections 0        | --connections must be a whole number from 1 to 10000, not '0'.
            intake --connections 10001    | --connections must be a whole number from 1 to 10000, not '10001'.
            intake --connections many     | --connections must be a whole number from 1 to 10000, not 'many'.
            intake --warmup 20ms          | --warmup must be a duration such as 20s or 1m, not '20ms'.
            intake --duration 0           | --duration must be a duration of at least 1s such as 30s or 2m, not '0'.
            intake --duration -5s         | --duration must be a duration of at least 1s such as 30s or 2m, not '-5s'.
            intake --threads 4            | Unknown option '--threads'.
            intake extra                  | Unknown argument 'extra'.
            intake --stack everything     | --stack must be local, intake or full, not 'everything'.
            intake --profile              | --profile needs a stack the benchmark starts: add --stack intake or --stack full.
            """)
    void explainsWhatIsWrongWithTheArguments(String arguments, String problem) {
        assertThat(BenchOptions.parse(split(arguments))).isEqualTo(new BenchOptions.Problem(problem));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"--help", "intake --help", "intake --connections 8 -h"})
    void asksForTheUsageWhenHelpIsAnywhere(String arguments) {
        assertThat(BenchOptions.parse(split(arguments))).isEqualTo(new BenchOptions.Help());
    }

    private static List<String> split(String arguments) {
        return arguments.isBlank() ? List.of() : Arrays.asList(arguments.trim().split("\\s+"));
    }
}
