package io.leadflow.enhancement.inbound;

import io.leadflow.enhancement.config.ListsProperties;
import io.leadflow.enhancement.domain.ListAnswer;
import io.leadflow.enhancement.domain.ListEntryDecider.Action;
import io.leadflow.enhancement.domain.ListKeys;
import io.leadflow.enhancement.domain.ListSpec;
import io.leadflow.enhancement.domain.ListTtl;
import io.leadflow.enhancement.outbound.ListCommands;
import io.leadflow.enhancement.outbound.ListDirectory;
import io.leadflow.enhancement.outbound.ListMetrics;
import io.leadflow.integrations.suppression.CsvRow;
import io.leadflow.integrations.suppression.ListArguments;
import io.leadflow.servicekit.PendingReplies;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The lists API, shaped like LeadConduit's SuppressionList API: lists ({@code /lists}), values on lists
 * ({@code /lists/<lists>/items}), queries ({@code /exists/<lists>/<value>}) and the atomic check-and-add
 * ({@code /unique/<list>}). Values are hashed here and never leave this class; queries and check-and-adds wait for
 * the lists processor's decision. Every call needs the admin token when one is configured.
 */
@RestController
class ListsController {

    private static final Set<String> CSV_HEADERS = Set.of("value", "values", "email", "phone");

    private final ListDirectory directory;
    private final ListCommands commands;
    private final PendingReplies<ListAnswer> pending;
    private final ListKeys keys;
    private final ListsProperties properties;
    private final ListMetrics metrics;
    private final Clock clock;

    ListsController(ListDirectory directory, ListCommands commands, PendingReplies<ListAnswer> pending, ListKeys keys,
                    ListsProperties properties, ListMetrics metrics, Clock clock) {
        this.directory = directory;
        this.commands = commands;
        this.pending = pending;
        this.keys = keys;
        this.properties = properties;
        this.metrics = metrics;
        this.clock = clock;
    }

    @GetMapping("/lists")
    Mono<ResponseEntity<Object>> lists() {
        return Mono.defer(() -> Mono.just(ResponseEntity.ok(
                Map.of("lists", directory.all().stream().map(ListsController::describe).toList()))));
    }

    @GetMapping("/lists/{name}")
    Mono<ResponseEntity<Object>> list(@PathVariable String name) {
        return Mono.defer(() -> Mono.just(directory.find(ListArguments.slug(name))
                .<ResponseEntity<Object>>map(list -> ResponseEntity.ok(describe(list)))
                .orElseGet(() -> unknownList(ListArguments.slug(name)))));
    }

    @PostMapping(path = "/lists", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Object>> create(@RequestBody Map<String, Object> body) {
        return Mono.defer(() -> {
            String name = body.get("name") instanceof String text ? ListArguments.slug(text) : "";
            if (name.isEmpty()) {
                return Mono.just(invalid("name is required (letters, digits, _)"));
            }
            Duration ttl = null;
            if (body.get("ttl") != null) {
                Optional<Duration> parsed = ListTtl.parse(String.valueOf(body.get("ttl")));
                if (parsed.isEmpty()) {
                    return Mono.just(invalid("ttl must be a positive duration such as 30d, 12h or P30D"));
                }
                ttl = parsed.get();
            }
            Object secret = body.get("secret");
            if (secret != null && !(secret instanceof String text
                    && text.matches("\\$\\{(env|secret):[A-Za-z0-9_.-]+}"))) {
                return Mono.just(invalid("secret must be a reference such as ${secret:NAME} or ${env:NAME}, "
                        + "never the secret itself"));
            }
            if (directory.find(name).isPresent()) {
                return Mono.just(error(HttpStatus.CONFLICT, "List " + name + " already exists"));
            }
            ListSpec list = new ListSpec(name, UUID.randomUUID().toString(), ttl, (String) secret,
                    clock.instant().truncatedTo(ChronoUnit.MILLIS));
            return commands.define(list)
                    .then(visible(name, true))
                    .map(seen -> {
                        metrics.count("create", "created", 1);
                        return ResponseEntity.status(HttpStatus.CREATED).<Object>body(describe(list));
                    });
        });
    }

    @DeleteMapping("/lists/{name}")
    Mono<ResponseEntity<Object>> delete(@PathVariable String name) {
        return Mono.defer(() -> {
            String slug = ListArguments.slug(name);
            if (directory.find(slug).isEmpty()) {
                return Mono.just(unknownList(slug));
            }
            return commands.delete(slug).then(visible(slug, false)).map(gone -> {
                metrics.count("delete", "deleted", 1);
                return ResponseEntity.ok().<Object>body(Map.of("deleted", slug));
            });
        });
    }

    @PostMapping(path = "/lists/{lists}/items", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Object>> add(@PathVariable String lists, @RequestBody Map<String, Object> body) {
        return Mono.defer(() -> change(lists, body.get("values"), body.get("ttl"), Action.ADD));
    }

    /** Bulk load: one value per line, its first CSV column; a first line {@code value}, {@code email} or {@code phone} is a header. */
    @PostMapping(path = "/lists/{lists}/items", consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE})
    Mono<ResponseEntity<Object>> load(@PathVariable String lists, @RequestBody(required = false) String csv) {
        return Mono.defer(() -> {
            List<Object> values = new ArrayList<>();
            String[] lines = (csv == null ? "" : csv).split("\r?\n");
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].isBlank()) {
                    continue;
                }
                Optional<List<String>> row = CsvRow.parse(lines[i]);
                String first = row.filter(fields -> !fields.isEmpty()).map(fields -> fields.get(0)).orElse(null);
                if (i == 0 && first != null && CSV_HEADERS.contains(first.toLowerCase(Locale.ROOT))) {
                    continue;
                }
                values.add(first);
            }
            return change(lists, values, null, Action.ADD);
        });
    }

    @DeleteMapping("/lists/{lists}/items")
    Mono<ResponseEntity<Object>> remove(@PathVariable String lists, @RequestBody Map<String, Object> body) {
        return Mono.defer(() -> change(lists, body.get("values"), null, Action.REMOVE));
    }

    @GetMapping("/exists/{lists}/{value}")
    Mono<ResponseEntity<Object>> exists(@PathVariable String lists, @PathVariable String value) {
        return Mono.defer(() -> resolve(lists).map(specs -> {
            Instant at = clock.instant();
            return Flux.fromIterable(specs)
                    .flatMap(list -> decide(list, value, Action.QUERY, list.ttl(), at), specs.size())
                    .collectList()
                    .map(answers -> answered(answers, specs.size(), "query", done -> existsAnswer(specs, done)))
                    .onErrorResume(ListsController::notStoredFailure, failure -> Mono.just(notStored()));
        }).orElseGet(() -> Mono.just(unknownList(lists))));
    }

    @PostMapping(path = "/unique/{list}", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Object>> unique(@PathVariable String list, @RequestBody Map<String, Object> body) {
        return Mono.defer(() -> {
            String slug = ListArguments.slug(list);
            Optional<ListSpec> spec = directory.find(slug);
            if (spec.isEmpty()) {
                return Mono.just(unknownList(slug));
            }
            if (!(body.get("value") instanceof String value) || value.isBlank()) {
                return Mono.just(invalid("value must not be blank"));
            }
            Duration ttl = spec.get().ttl();
            if (body.get("ttl") != null) {
                Optional<Duration> parsed = ListTtl.parse(String.valueOf(body.get("ttl")));
                if (parsed.isEmpty()) {
                    return Mono.just(invalid("ttl must be a positive duration such as 30d, 12h or P30D"));
                }
                ttl = parsed.get();
            }
            return decide(spec.get(), value, Action.ADD_IF_ABSENT, ttl, clock.instant())
                    .collectList()
                    .map(answers -> answered(answers, 1, "unique", done -> uniqueAnswer(slug, done.get(0))))
                    .onErrorResume(ListsController::notStoredFailure, failure -> Mono.just(notStored()));
        });
    }

    @ExceptionHandler(InvalidStateStoreException.class)
    ResponseEntity<Object> notReady() {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1")
                .body(Map.of("error", "Lists are not ready yet (starting or restoring); please retry"));
    }

    @ExceptionHandler(ListKeys.MissingListSecret.class)
    ResponseEntity<Object> noSecret(ListKeys.MissingListSecret missing) {
        return error(HttpStatus.INTERNAL_SERVER_ERROR, missing.getMessage());
    }

    private Mono<ResponseEntity<Object>> change(String lists, Object given, Object ttlText, Action action) {
        String operation = action == Action.ADD ? "add" : "remove";
        Optional<List<ListSpec>> specs = resolve(lists);
        if (specs.isEmpty()) {
            return Mono.just(unknownList(lists));
        }
        if (!(given instanceof List<?> values)) {
            return Mono.just(invalid("values must be a list"));
        }
        if (values.size() > properties.maxValues()) {
            return Mono.just(error(HttpStatus.PAYLOAD_TOO_LARGE, "At most " + properties.maxValues()
                    + " values per call"));
        }
        Duration ttl = null;
        if (ttlText != null) {
            Optional<Duration> parsed = ListTtl.parse(String.valueOf(ttlText));
            if (parsed.isEmpty()) {
                return Mono.just(invalid("ttl must be a positive duration such as 30d, 12h or P30D"));
            }
            ttl = parsed.get();
        }
        List<String> accepted = values.stream()
                .filter(value -> value instanceof String text && !text.isBlank())
                .map(String.class::cast)
                .toList();
        int rejected = values.size() - accepted.size();
        Instant at = clock.instant();
        Duration requestedTtl = ttl;
        return Flux.fromIterable(specs.get())
                .flatMap(list -> Flux.fromIterable(accepted).flatMap(value -> commands.send(UUID.randomUUID().toString(),
                        list, keys.hash(list, value), action, requestedTtl == null ? list.ttl() : requestedTtl, at,
                        false), 256))
                .then(Mono.fromSupplier(() -> {
                    metrics.count(operation, "accepted", accepted.size());
                    metrics.count(operation, "rejected", rejected);
                    Map<String, Object> answer = new LinkedHashMap<>();
                    answer.put("specified_lists", specs.get().stream().map(ListSpec::name).toList());
                    answer.put(action == Action.ADD ? "accepted" : "deleted", accepted.size());
                    answer.put("rejected", rejected);
                    return ResponseEntity.ok().<Object>body(answer);
                }))
                .onErrorResume(ListsController::notStoredFailure, failure -> Mono.just(notStored()));
    }

    /** Publishes one answered command and waits for its decision; an empty Flux when none came in time. */
    private Flux<ListAnswer> decide(ListSpec list, String value, Action action, Duration ttl, Instant at) {
        String commandId = UUID.randomUUID().toString();
        String hash = keys.hash(list, value);
        return pending.publishAndAwait(commandId, () -> commands.send(commandId, list, hash, action, ttl, at, true),
                        properties.decisionTimeout())
                .flatMapMany(answer -> Flux.fromStream(answer.stream()));
    }

    private ResponseEntity<Object> answered(List<ListAnswer> answers, int expected, String operation,
                                            Function<List<ListAnswer>, ResponseEntity<Object>> shape) {
        if (answers.size() < expected) {
            metrics.count(operation, "timeout", 1);
            return error(HttpStatus.GATEWAY_TIMEOUT, "The lists processor did not answer within "
                    + properties.decisionTimeout().toSeconds() + "s; please retry");
        }
        ResponseEntity<Object> response = shape.apply(answers);
        metrics.count(operation, switch (response.getStatusCode().value()) {
            case 200 -> "found";
            case 201 -> "unique";
            case 409 -> "duplicate";
            default -> "not_found";
        }, 1);
        return response;
    }

    private static ResponseEntity<Object> existsAnswer(List<ListSpec> specs, List<ListAnswer> answers) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("specified_lists", specs.stream().map(ListSpec::name).toList());
        List<ListAnswer> found = specs.stream()
                .flatMap(spec -> answers.stream().filter(answer -> answer.list().equals(spec.name()) && answer.found()))
                .toList();
        body.put("found", !found.isEmpty());
        if (found.isEmpty()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(body);
        }
        body.put("exists_in_lists", found.stream().map(ListAnswer::list).toList());
        body.put("entries", found.stream().map(answer -> Map.of("list_id", answer.list(),
                "added_at", answer.addedAt().toString())).toList());
        return ResponseEntity.ok(body);
    }

    private static ResponseEntity<Object> uniqueAnswer(String list, ListAnswer answer) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("specified_lists", List.of(list));
        body.put("found", answer.found());
        if (answer.found()) {
            body.put("found_in", List.of(list));
            body.put("added_at", answer.addedAt().toString());
            return ResponseEntity.status(HttpStatus.CONFLICT).body(body);
        }
        body.put("added", answer.added());
        return ResponseEntity.status(HttpStatus.CREATED).body(body);
    }

    /** The lists named in a path segment ({@code a|b} or {@code a,b}, slugged); empty when one does not exist. */
    private Optional<List<ListSpec>> resolve(String lists) {
        List<ListSpec> specs = new ArrayList<>();
        for (String name : lists.split("[|,]")) {
            String slug = ListArguments.slug(name);
            if (slug.isEmpty()) {
                continue;
            }
            Optional<ListSpec> spec = directory.find(slug);
            if (spec.isEmpty()) {
                return Optional.empty();
            }
            specs.add(spec.get());
        }
        return specs.isEmpty() ? Optional.empty() : Optional.of(specs);
    }

    /** Waits until this instance's copy of the definitions shows the list (or no longer does). */
    private Mono<Boolean> visible(String name, boolean present) {
        return Flux.interval(Duration.ZERO, Duration.ofMillis(50))
                .map(tick -> directory.find(name).isPresent() == present)
                .filter(Boolean::booleanValue)
                .next()
                .timeout(properties.decisionTimeout(), Mono.just(true));
    }

    private static Map<String, Object> describe(ListSpec list) {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("name", list.name());
        description.put("ttl", list.ttl() == null ? null : ListTtl.format(list.ttl()));
        description.put("secret", list.secretReference());
        description.put("created_at", list.createdAt().toString());
        return description;
    }

    private static ResponseEntity<Object> unknownList(String names) {
        return error(HttpStatus.NOT_FOUND, "No list named " + String.join("|", names.split("[|,]")));
    }

    private static ResponseEntity<Object> invalid(String message) {
        return error(HttpStatus.BAD_REQUEST, message);
    }

    /** A failure to publish or be acknowledged; a missing secret is answered by its own handler. */
    private static boolean notStoredFailure(Throwable failure) {
        return !(failure instanceof ListKeys.MissingListSecret) && !(failure instanceof InvalidStateStoreException);
    }

    private static ResponseEntity<Object> notStored() {
        return error(HttpStatus.SERVICE_UNAVAILABLE, "The values could not be stored; please retry");
    }

    private static ResponseEntity<Object> error(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(Map.of("error", message));
    }
}
