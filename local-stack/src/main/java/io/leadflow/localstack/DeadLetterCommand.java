package io.leadflow.localstack;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./leadflow dlq list|replay}: delivery-service's dead letters through its admin API ({@code /api/dead-letters}
 * on {@code LEADFLOW_DELIVERY_URL}, default the local stack's; {@code LEADFLOW_ADMIN_TOKEN} when one is configured).
 */
public final class DeadLetterCommand {

    static final String USAGE = """
            Usage: ./leadflow dlq list   [filters] [--all]
                   ./leadflow dlq replay [filters] [--dry-run]

            Filters (all optional, all must hold):
              --flow ID  --step ID  --entity NAME  --lead ID
              --reason TEXT        part of the reason or the category (retries_exhausted, undecodable,
                                   flow_not_loaded, failed), ignoring case
              --from TIME --to TIME  an ISO-8601 instant (2026-11-28T10:00:00Z) or an age (30m, 2h, 7d: that long ago)
            --all        list replayed dead letters too
            --dry-run    count what a replay would replay, and replay nothing

            A replay schedules each dead letter's delivery again at once, with a fresh retry schedule; running it
            twice replays nothing twice. Environment: LEADFLOW_DELIVERY_URL (default http://127.0.0.1:8082),
            LEADFLOW_ADMIN_TOKEN.""";

    private static final Pattern AGE = Pattern.compile("(\\d{1,6})([smhd])");
    private static final Map<String, String> FILTERS = Map.of("--flow", "flow", "--step", "step", "--entity", "entity",
            "--lead", "lead", "--reason", "reason", "--from", "from", "--to", "to");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final URI delivery;
    private final String adminToken;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public DeadLetterCommand(URI delivery, String adminToken, PrintStream out) {
        this.delivery = delivery;
        this.adminToken = adminToken;
        this.out = out;
    }

    public static void main(String[] args) {
        Map<String, String> environment = System.getenv();
        URI delivery = URI.create(environment.getOrDefault("LEADFLOW_DELIVERY_URL",
                LeadflowService.DELIVERY.baseUri().toString()));
        System.exit(new DeadLetterCommand(delivery, environment.get("LEADFLOW_ADMIN_TOKEN"), System.out)
                .run(List.of(args), Instant.now()));
    }

    /** Runs the command; returns the exit code (2 for a usage problem, 1 when delivery-service did not answer). */
    public int run(List<String> arguments, Instant now) {
        if (arguments.isEmpty() || arguments.contains("--help") || arguments.contains("-h")
                || !List.of("list", "replay").contains(arguments.get(0))) {
            out.println(USAGE);
            return arguments.isEmpty() || !arguments.contains("--help") && !arguments.contains("-h") ? 2 : 0;
        }
        Map<String, String> criteria = new LinkedHashMap<>();
        boolean all = false;
        boolean dryRun = false;
        for (int i = 1; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (argument.equals("--all")) {
                all = true;
            } else if (argument.equals("--dry-run")) {
                dryRun = true;
            } else if (FILTERS.containsKey(argument) && i + 1 < arguments.size()) {
                String key = FILTERS.get(argument);
                String value = arguments.get(++i);
                if (key.equals("from") || key.equals("to")) {
                    Optional<Instant> time = time(value, now);
                    if (time.isEmpty()) {
                        out.println(argument + " must be an ISO-8601 instant or an age such as 2h, not '" + value
                                + "'.");
                        return 2;
                    }
                    value = time.get().toString();
                }
                criteria.put(key, value);
            } else {
                out.println((FILTERS.containsKey(argument) ? argument + " needs a value." : "Unknown argument '"
                        + argument + "'.") + "\n\n" + USAGE);
                return 2;
            }
        }
        try {
            return arguments.get(0).equals("list") ? list(criteria, all) : replay(criteria, dryRun);
        } catch (IOException e) {
            out.println("delivery-service does not answer on " + delivery + " (" + e.getMessage()
                    + "). Is the stack up (./leadflow up)? Set LEADFLOW_DELIVERY_URL for another one.");
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    private int list(Map<String, String> criteria, boolean all) throws IOException, InterruptedException {
        Map<String, String> query = new LinkedHashMap<>(criteria);
        if (all) {
            query.put("all", "true");
        }
        String queryString = query.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        Optional<JsonNode> answer = send(HttpRequest.newBuilder(delivery.resolve("/api/dead-letters"
                + (queryString.isEmpty() ? "" : "?" + queryString))).GET());
        if (answer.isEmpty()) {
            return 1;
        }
        JsonNode deadLetters = answer.get().path("deadLetters");
        if (deadLetters.isEmpty()) {
            out.println("No dead letters" + (criteria.isEmpty() ? "." : " match."));
            return 0;
        }
        out.printf("%-24s %-20s %-16s %-18s %8s %-9s %s%n", "when", "lead", "flow", "step", "attempts", "replayed",
                "reason");
        for (JsonNode deadLetter : deadLetters) {
            out.printf("%-24s %-20s %-16s %-18s %8d %-9s %s%n", text(deadLetter, "at"), text(deadLetter, "lead"),
                    text(deadLetter, "flow"), text(deadLetter, "step"), deadLetter.path("attempts").asInt(),
                    deadLetter.path("replayed").asBoolean() ? "yes" : "no", text(deadLetter, "reason"));
        }
        out.println(deadLetters.size() + (deadLetters.size() == 1 ? " dead letter." : " dead letters."));
        return 0;
    }

    private int replay(Map<String, String> criteria, boolean dryRun) throws IOException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>(criteria);
        body.put("dryRun", dryRun);
        Optional<JsonNode> answer = send(HttpRequest.newBuilder(delivery.resolve("/api/dead-letters/replay"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
        if (answer.isEmpty()) {
            return 1;
        }
        JsonNode outcome = answer.get();
        int count = dryRun ? outcome.path("wouldReplay").asInt() : outcome.path("replayed").asInt();
        out.printf("%s %d of %d matching dead letters (%d replayed before, %d cannot be replayed).%n",
                dryRun ? "Would replay" : "Replayed", count, outcome.path("matched").asInt(),
                outcome.path("alreadyReplayed").asInt(), outcome.path("notReplayable").asInt());
        return 0;
    }

    private Optional<JsonNode> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        if (adminToken != null && !adminToken.isBlank()) {
            request.header("Authorization", "Bearer " + adminToken);
        }
        HttpResponse<String> response = http.send(request.timeout(TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            String error = response.body().isBlank() ? "" : JSON.readTree(response.body()).path("error").asString("");
            out.println("delivery-service answered " + response.statusCode() + (error.isEmpty() ? "" : ": " + error)
                    + (response.statusCode() == 401 ? " (set LEADFLOW_ADMIN_TOKEN)" : ""));
            return Optional.empty();
        }
        return Optional.of(JSON.readTree(response.body()));
    }

    private static String text(JsonNode node, String field) {
        return node.path(field).isNull() || node.path(field).isMissingNode() ? "-" : node.path(field).asString();
    }

    /** An ISO-8601 instant, or an age back from {@code now}. */
    static Optional<Instant> time(String text, Instant now) {
        Matcher age = AGE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (age.matches()) {
            long amount = Long.parseLong(age.group(1));
            Function<Long, Duration> unit = switch (age.group(2)) {
                case "s" -> Duration::ofSeconds;
                case "m" -> Duration::ofMinutes;
                case "h" -> Duration::ofHours;
                default -> Duration::ofDays;
            };
            return Optional.of(now.minus(unit.apply(amount)));
        }
        try {
            return Optional.of(Instant.parse(text.trim()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
