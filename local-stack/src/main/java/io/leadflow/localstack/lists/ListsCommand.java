package io.leadflow.localstack.lists;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./leadflow lists …}: the lists API of enhancement-service ({@code LEADFLOW_LISTS_URL}, default
 * {@code http://127.0.0.1:8081}) from the command line, with {@code LEADFLOW_ADMIN_TOKEN} when set. Prints the answer;
 * exits 0 on success, 1 when a queried value is not found, 2 on a usage error or a refused call.
 */
public final class ListsCommand {

    static final String USAGE = """
            usage: ./leadflow lists [list]                       every list
                   ./leadflow lists create NAME [--ttl 30d] [--secret '${secret:NAME}']
                   ./leadflow lists delete NAME
                   ./leadflow lists add NAME VALUE...            put values on a list
                   ./leadflow lists remove NAME VALUE...         take values off a list
                   ./leadflow lists query NAME[,NAME...] VALUE   is the value on any of the lists?
                   ./leadflow lists load NAME FILE.csv           bulk load: the first column of every line""";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A call of the lists API: method, path (from the base URL), body and its content type (null: none). */
    record Call(String method, String path, String body, String contentType) {
    }

    private ListsCommand() {
    }

    public static int run(List<String> args, Map<String, String> environment, PrintStream out, PrintStream err) {
        Call call;
        try {
            call = call(args);
        } catch (IllegalArgumentException | IOException e) {
            err.println("leadflow lists: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        String base = environment.getOrDefault("LEADFLOW_LISTS_URL", "http://127.0.0.1:8081").replaceAll("/+$", "");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + call.path()))
                .timeout(Duration.ofSeconds(120))
                .header("Accept", "application/json")
                .method(call.method(), call.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(call.body()));
        if (call.contentType() != null) {
            request.header("Content-Type", call.contentType());
        }
        String token = environment.get("LEADFLOW_ADMIN_TOKEN");
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            out.println(pretty(response.body()));
            if (response.statusCode() < 300) {
                return 0;
            }
            return response.statusCode() == 404 && call.path().startsWith("/exists/")
                    && !response.body().contains("\"error\"") ? 1 : 2;
        } catch (IOException e) {
            err.println("leadflow lists: cannot reach the lists API at " + base + " (is enhancement-service running? "
                    + "./leadflow up starts it): " + e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 2;
        }
    }

    static Call call(List<String> args) throws IOException {
        String command = args.isEmpty() ? "list" : args.get(0);
        List<String> rest = args.isEmpty() ? List.of() : args.subList(1, args.size());
        return switch (command) {
            case "list" -> {
                expect(rest.isEmpty(), "list takes no arguments");
                yield new Call("GET", "/lists", null, null);
            }
            case "create" -> create(rest);
            case "delete" -> {
                expect(rest.size() == 1, "delete needs a list name");
                yield new Call("DELETE", "/lists/" + segment(rest.get(0)), null, null);
            }
            case "add", "remove" -> {
                expect(rest.size() >= 2, command + " needs a list name and at least one value");
                yield new Call(command.equals("add") ? "POST" : "DELETE", "/lists/" + segment(rest.get(0)) + "/items",
                        JSON.writeValueAsString(Map.of("values", rest.subList(1, rest.size()))), "application/json");
            }
            case "query" -> {
                expect(rest.size() == 2, "query needs list names and one value");
                yield new Call("GET", "/exists/" + segment(rest.get(0).replace(',', '|')) + "/"
                        + segment(rest.get(1)), null, null);
            }
            case "load" -> {
                expect(rest.size() == 2, "load needs a list name and a CSV file");
                Path file = Path.of(rest.get(1));
                expect(Files.isReadable(file), "cannot read " + file);
                yield new Call("POST", "/lists/" + segment(rest.get(0)) + "/items", Files.readString(file),
                        "text/csv");
            }
            default -> throw new IllegalArgumentException("unknown lists command '" + command + "'");
        };
    }

    private static Call create(List<String> rest) {
        expect(!rest.isEmpty() && !rest.get(0).startsWith("--"), "create needs a list name");
        Map<String, String> body = new java.util.LinkedHashMap<>();
        body.put("name", rest.get(0));
        for (int i = 1; i < rest.size(); i += 2) {
            String option = rest.get(i);
            expect(List.of("--ttl", "--secret").contains(option), "unknown option " + option);
            expect(i + 1 < rest.size(), option + " needs a value");
            body.put(option.substring(2), rest.get(i + 1));
        }
        return new Call("POST", "/lists", JSON.writeValueAsString(body), "application/json");
    }

    private static String pretty(String body) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(body));
        } catch (RuntimeException e) {
            return body;
        }
    }

    private static String segment(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void expect(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** For {@code LocalStack lists …}. */
    public static int run(String[] args) {
        return run(Arrays.asList(args).subList(1, args.length), System.getenv(), System.out, System.err);
    }
}
