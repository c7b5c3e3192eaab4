package io.leadflow.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeadLetterCommandTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no command                  | ''                           | 2 | Usage: ./leadflow dlq list   [filters] [--all]
            an unknown command          | 'purge'                      | 2 | Usage: ./leadflow dlq list   [filters] [--all]
            help                        | 'list --help'                | 0 | Usage: ./leadflow dlq list   [filters] [--all]
            a filter without its value  | 'list --flow'                | 2 | --flow needs a value.
            an unknown argument         | 'replay --force'             | 2 | 'Unknown argument ''--force''.'
            a time that is none         | 'list --from yesterday'      | 2 | '--from must be an ISO-8601 instant or an age such as 2h, not ''yesterday''.'
            delivery-service not there  | 'list --flow demo --from 2h' | 1 | delivery-service does not answer on
            """)
    void answersAProblemWithItsExitCodeAndWhatToDo(String behaviour, String arguments, int exit, String printed)
            throws IOException {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        DeadLetterCommand command = new DeadLetterCommand(URI.create("http://127.0.0.1:" + closedPort()), null,
                new PrintStream(output, true, StandardCharsets.UTF_8));

        int code = command.run(arguments.isEmpty() ? List.of() : Arrays.asList(arguments.split(" ")), NOW);

        assertThat(code).isEqualTo(exit);
        assertThat(output.toString(StandardCharsets.UTF_8)).startsWith(printed);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            an instant             | 2026-11-27T08:30:00Z | 2026-11-27T08:30:00Z
            seconds ago            | 90s                  | 2026-11-28T09:58:30Z
            minutes ago            | 30m                  | 2026-11-28T09:30:00Z
            hours ago              | 2H                   | 2026-11-28T08:00:00Z
            days ago               | 7d                   | 2026-11-21T10:00:00Z
            neither                | soon                 |
            """)
    void readsATimeAsAnInstantOrAnAgeBackFromNow(String behaviour, String text, String expected) {
        assertThat(DeadLetterCommand.time(text, NOW)).isEqualTo(Optional.ofNullable(expected).map(Instant::parse));
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
