package io.leadflow.localstack.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeliveryOptionsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            delivery                                         | 250;500;1000;1500 | 20  | 180 | 128   | 256   | true  | false
            delivery --rates 100                             | 100               | 20  | 180 | 128   | 256   | true  | false
            delivery --rates=100,2000,50 --no-hanging        | 100;2000;50       | 20  | 180 | 128   | 256   | false | false
            delivery --rates 100,200 --duration 1m           | 100;200           | 60  | 180 | 128   | 256   | true  | false
            delivery --duration=15s --warmup 0               | 250;500;1000;1500 | 15  | 0   | 128   | 256   | true  | false
            delivery --warmup 2m --connections=8             | 250;500;1000;1500 | 20  | 120 | 8     | 256   | true  | false
            delivery --rates 100000 --connections 10000      | 100000            | 20  | 180 | 10000 | 256   | true  | false
            delivery --profile --no-hanging                  | 250;500;1000;1500 | 20  | 180 | 128   | 256   | false | true
            delivery --max-in-flight 1024 --rates 1000       | 1000              | 20  | 180 | 128   | 1024  | true  | false
            """)
    void readsTheOptionsWithTheirDefaults(String arguments, String rates, long durationSeconds, long warmupSeconds,
                                          int connections, int maxInFlight, boolean hanging, boolean profile) {
        assertThat(DeliveryOptions.parse(split(arguments))).isEqualTo(new DeliveryOptions.Run(new DeliveryOptions(
                Arrays.stream(rates.split(";")).map(Integer::valueOf).toList(), Duration.ofSeconds(durationSeconds),
                Duration.ofSeconds(warmupSeconds), connections, maxInFlight, hanging, profile)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ''                           | The delivery benchmark starts with 'delivery'.
            intake                       | The delivery benchmark starts with 'delivery'.
            delivery --rates             | --rates needs a value.
            delivery --rates 0           | --rates must be leads per second from 1 to 100000, separated by commas (such as 250,500,1000), not '0'.
            delivery --rates 100,,200    | --rates must be leads per second from 1 to 100000, separated by commas (such as 250,500,1000), not '100,,200'.
            delivery --rates 100000001   | --rates must be leads per second from 1 to 100000, separated by commas (such as 250,500,1000), not '100000001'.
            delivery --rates fast        | --rates must be leads per second from 1 to 100000, separated by commas (such as 250,500,1000), not 'fast'.
            delivery --duration 0        | --duration must be a duration of at least 1s such as 20s or 1m, not '0'.
            delivery --warmup 5ms        | --warmup must be a duration such as 60s or 2m, not '5ms'.
            delivery --connections 0     | --connections must be a whole number from 1 to 10000, not '0'.
            delivery --max-in-flight 0   | --max-in-flight must be a whole number from 1 to 100000, not '0'.
            delivery --max-in-flight x   | --max-in-flight must be a whole number from 1 to 100000, not 'x'.
            delivery --stack full        | Unknown option '--stack'.
            delivery extra               | Unknown argument 'extra'.
            """)
    void explainsWhatIsWrongWithTheArguments(String arguments, String problem) {
        assertThat(DeliveryOptions.parse(split(arguments))).isEqualTo(new BenchOptions.Problem(problem));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"--help", "delivery --help", "delivery --rates 100 -h"})
    void asksForTheUsageWhenHelpIsAnywhere(String arguments) {
        assertThat(DeliveryOptions.parse(split(arguments))).isEqualTo(new BenchOptions.Help());
    }

    private static List<String> split(String arguments) {
        return arguments.isBlank() ? List.of() : Arrays.asList(arguments.trim().split("\\s+"));
    }
}
