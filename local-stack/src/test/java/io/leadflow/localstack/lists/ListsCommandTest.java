package io.leadflow.localstack.lists;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ListsCommandTest {

    static Stream<Arguments> calls() {
        return Stream.of(
                Arguments.of(List.of(), new ListsCommand.Call("GET", "/lists", null, null)),
                Arguments.of(List.of("list"), new ListsCommand.Call("GET", "/lists", null, null)),
                Arguments.of(List.of("create", "Do Not Call", "--ttl", "30d", "--secret", "${secret:dnc}"),
                        new ListsCommand.Call("POST", "/lists",
                                "{\"name\":\"Do Not Call\",\"ttl\":\"30d\",\"secret\":\"${secret:dnc}\"}",
                                "application/json")),
                Arguments.of(List.of("delete", "dnc"), new ListsCommand.Call("DELETE", "/lists/dnc", null, null)),
                Arguments.of(List.of("add", "dnc", "a@example.com", "512 555 0100"), new ListsCommand.Call("POST",
                        "/lists/dnc/items", "{\"values\":[\"a@example.com\",\"512 555 0100\"]}", "application/json")),
                Arguments.of(List.of("remove", "dnc", "a@example.com"), new ListsCommand.Call("DELETE",
                        "/lists/dnc/items", "{\"values\":[\"a@example.com\"]}", "application/json")),
                Arguments.of(List.of("query", "dnc,dupes", "a b@example.com"), new ListsCommand.Call("GET",
                        "/exists/dnc%7Cdupes/a%20b%40example.com", null, null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("calls")
    void mapsEveryCommandToItsApiCall(List<String> args, ListsCommand.Call expected) throws IOException {
        assertThat(ListsCommand.call(args)).isEqualTo(expected);
    }

    @Test
    void loadsACsvFile(@TempDir Path directory) throws IOException {
        Path csv = Files.writeString(directory.resolve("dnc.csv"), "email\na@example.com\n");
        assertThat(ListsCommand.call(List.of("load", "dnc", csv.toString())))
                .isEqualTo(new ListsCommand.Call("POST", "/lists/dnc/items", "email\na@example.com\n", "text/csv"));
    }

    @Test
    void refusesBadUsage() {
        assertThatThrownBy(() -> ListsCommand.call(List.of("add", "dnc"))).hasMessage(
                "add needs a list name and at least one value");
        assertThatThrownBy(() -> ListsCommand.call(List.of("create", "x", "--colour", "red")))
                .hasMessage("unknown option --colour");
        assertThatThrownBy(() -> ListsCommand.call(List.of("frobnicate"))).hasMessage(
                "unknown lists command 'frobnicate'");
    }

    @Test
    void callsTheApiWithTheAdminTokenAndExitsByTheAnswer() throws IOException {
        List<String> seen = new ArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization"));
            boolean found = exchange.getRequestURI().getRawPath().endsWith("/known");
            byte[] body = (found ? "{\"found\":true}" : "{\"found\":false}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(found ? 200 : 404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            Map<String, String> environment = Map.of("LEADFLOW_LISTS_URL",
                    "http://127.0.0.1:" + server.getAddress().getPort() + "/", "LEADFLOW_ADMIN_TOKEN", "t0ken");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
            assertThat(ListsCommand.run(List.of("query", "dnc", "known"), environment, print, print)).isZero();
            assertThat(ListsCommand.run(List.of("query", "dnc", "other"), environment, print, print)).isEqualTo(1);
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"found\" : true", "\"found\" : false");
            assertThat(seen).containsExactly("GET /exists/dnc/known Bearer t0ken", "GET /exists/dnc/other Bearer t0ken");
        } finally {
            server.stop(0);
        }
    }
}
