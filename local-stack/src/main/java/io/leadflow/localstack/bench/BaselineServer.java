package io.leadflow.localstack.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.leadflow.schemas.Topics;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The intake benchmark's bare baseline: an HTTP endpoint that parses the JSON body, sends it to
 * {@code bench.baseline} and answers 201 once the broker acknowledged it (acks=all), on intake's own stack (Reactor
 * Netty, Jackson, Kafka's producer with intake's settings) but without Spring, flows, typing or Avro.
 */
public final class BaselineServer implements AutoCloseable {

    static final String SUBMIT_PATH = "/submit";
    static final String HEALTH_PATH = "/health";

    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(60);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final byte[] NOT_JSON = "{\"outcome\":\"error\",\"reason\":\"The body is not a JSON object\"}"
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] NOT_STORED = "{\"outcome\":\"error\",\"reason\":\"Lead could not be stored\"}"
            .getBytes(StandardCharsets.UTF_8);

    private final KafkaProducer<String, byte[]> producer;
    private final DisposableServer server;

    private BaselineServer(KafkaProducer<String, byte[]> producer, int port) {
        this.producer = producer;
        this.server = HttpServer.create()
                .host("127.0.0.1")
                .port(port)
                .route(routes -> routes
                        .post(SUBMIT_PATH, this::submit)
                        .get(HEALTH_PATH, (request, response) -> response.sendString(Mono.just("UP"))))
                .bindNow();
    }

    /** Usage: {@code BaselineServer <port> <bootstrap-servers>}; runs until stopped (SIGTERM). */
    public static void main(String[] args) {
        if (args.length != 2 || !args[0].matches("\\d{1,5}")) {
            System.err.println("usage: BaselineServer <port> <kafka-bootstrap-servers>");
            System.exit(2);
        }
        BaselineServer server = start(Integer.parseInt(args[0]), args[1], Map.copyOf(System.getenv()));
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "baseline-stop"));
        System.out.println("Baseline listening on 127.0.0.1:" + server.port() + ", sending to "
                + Topics.BENCH_BASELINE);
        server.server.onDispose().block();
    }

    /**
     * Creates {@code bench.baseline} if it is missing (partitions and replication as the services create theirs:
     * LEADFLOW_KAFKA_PARTITIONS, default 3, LEADFLOW_KAFKA_REPLICATION_FACTOR, default 1), connects the producer,
     * then listens on {@code port} of 127.0.0.1 (0 picks a free port).
     */
    static BaselineServer start(int port, String bootstrapServers, Map<String, String> environment) {
        createTopic(bootstrapServers, Integer.parseInt(environment.getOrDefault("LEADFLOW_KAFKA_PARTITIONS", "3")),
                Short.parseShort(environment.getOrDefault("LEADFLOW_KAFKA_REPLICATION_FACTOR", "1")));
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                // Kafka 4's default of 5 ms would halve the throughput of a path that awaits the ack (stack.md).
                ProducerConfig.LINGER_MS_CONFIG, 1,
                // As intake: keep the topic's metadata however long the endpoint idles, so no send waits for it.
                ProducerConfig.METADATA_MAX_IDLE_CONFIG, (int) TimeUnit.DAYS.toMillis(1)),
                new StringSerializer(), new ByteArraySerializer());
        try {
            producer.partitionsFor(Topics.BENCH_BASELINE);
            return new BaselineServer(producer, port);
        } catch (RuntimeException e) {
            producer.close(Duration.ZERO);
            throw e;
        }
    }

    int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.disposeNow(Duration.ofSeconds(10));
        producer.close(Duration.ofSeconds(10));
    }

    private Publisher<Void> submit(HttpServerRequest request, HttpServerResponse response) {
        return request.receive().aggregate().asByteArray()
                .defaultIfEmpty(new byte[0])
                .flatMap(this::store)
                .flatMap(answer -> response.status(answer.status())
                        .header(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                        .sendByteArray(Mono.just(answer.body()))
                        .then());
    }

    private record Answer(int status, byte[] body) {
    }

    private Mono<Answer> store(byte[] body) {
        try {
            JsonNode lead = JSON.readTree(body);
            if (lead == null || !lead.isObject()) {
                return Mono.just(new Answer(400, NOT_JSON));
            }
        } catch (JacksonException e) {
            return Mono.just(new Answer(400, NOT_JSON));
        }
        String id = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        return Mono.<Answer>create(sink -> {
                    try {
                        producer.send(new ProducerRecord<>(Topics.BENCH_BASELINE, id, body), (stored, failure) ->
                                sink.success(failure == null ? created(id) : new Answer(503, NOT_STORED)));
                    } catch (RuntimeException e) {
                        sink.success(new Answer(503, NOT_STORED));
                    }
                })
                .timeout(PUBLISH_TIMEOUT, Mono.just(new Answer(503, NOT_STORED)));
    }

    private static Answer created(String id) {
        return new Answer(201, ("{\"outcome\":\"success\",\"lead\":{\"id\":\"" + id + "\"},\"price\":0}")
                .getBytes(StandardCharsets.UTF_8));
    }

    private static void createTopic(String bootstrapServers, int partitions, short replicationFactor) {
        // The baseline's records are never read: keep them for an hour only, in segments small enough to be deleted.
        NewTopic topic = new NewTopic(Topics.BENCH_BASELINE, partitions, replicationFactor).configs(Map.of(
                TopicConfig.RETENTION_MS_CONFIG, String.valueOf(TimeUnit.HOURS.toMillis(1)),
                TopicConfig.SEGMENT_BYTES_CONFIG, String.valueOf(128 * 1024 * 1024)));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(topic)).all().get(SETUP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Cannot create " + Topics.BENCH_BASELINE + ": " + e.getCause(), e);
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + bootstrapServers + " did not create "
                    + Topics.BENCH_BASELINE + " within " + SETUP_TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating " + Topics.BENCH_BASELINE, e);
        }
    }
}
