package io.leadflow.enhancement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.leadflow.enhancement.domain.ListKeys;
import io.leadflow.enhancement.domain.ListSpec;
import io.leadflow.enhancement.inbound.ListsTopology;
import io.leadflow.enhancement.outbound.ListCommands;
import io.leadflow.enhancement.outbound.ListDirectory;
import io.leadflow.schemas.Topics;
import io.leadflow.schemas.kafka.AvroDeserializer;
import io.leadflow.schemas.lists.ListEntry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

/** The lists API and the Kafka Streams state behind it: API shapes, atomic check-and-add, time-to-live, restoring. */
@EnhancementServiceTest
class ListsIT {

    @Autowired
    private WebTestClient web;
    @LocalServerPort
    private int port;
    @Autowired
    private Clock clock;
    @Autowired
    private ListKeys keys;
    @Autowired
    private ListDirectory directory;
    @Autowired
    private StreamsBuilderFactoryBean streams;
    @Autowired
    private EmbeddedKafkaBroker broker;

    @BeforeEach
    void patientClient() {
        web = web.mutate().responseTimeout(Duration.ofSeconds(30)).build();
    }

    @AfterEach
    void resetClock() {
        ((TestClock) clock).reset();
    }

    @Test
    void createsListsAndAddsQueriesAndRemovesValuesShapedLikeSuppressionList() {
        String list = newList(Map.of("name", "Do Not Call " + suffix(), "ttl", "30d"));
        web.get().uri("/lists/" + list).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.name").isEqualTo(list).jsonPath("$.ttl").isEqualTo("30d");
        web.post().uri("/lists").bodyValue(Map.of("name", list)).exchange().expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.error").isEqualTo("List " + list + " already exists");

        web.post().uri("/lists/" + list + "/items").bodyValue(Map.of("values",
                        List.of("Ada@Example.com ", "(512) 555-0100", " ")))
                .exchange().expectStatus().isOk().expectBody().json("""
                        {"specified_lists": ["%s"], "accepted": 2, "rejected": 1}""".formatted(list), true);

        web.get().uri("/exists/{lists}/{value}", list, "ada@example.com").exchange().expectStatus().isOk()
                .expectBody().json("""
                        {"specified_lists": ["%1$s"], "found": true, "exists_in_lists": ["%1$s"],
                         "entries": [{"list_id": "%1$s", "added_at": "%2$s"}]}""".formatted(list, TestPartners.NOW),
                        true);
        web.get().uri("/exists/{lists}/{value}", list, "512-555-0100").exchange().expectStatus().isOk();
        web.get().uri("/exists/{lists}/{value}", list, "grace@example.com").exchange().expectStatus().isNotFound()
                .expectBody().json("""
                        {"specified_lists": ["%s"], "found": false}""".formatted(list), true);

        web.method(org.springframework.http.HttpMethod.DELETE).uri("/lists/" + list + "/items")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("values", List.of("ADA@example.com")))
                .exchange().expectStatus().isOk().expectBody().json("""
                        {"specified_lists": ["%s"], "deleted": 1, "rejected": 0}""".formatted(list), true);
        web.get().uri("/exists/{lists}/{value}", list, "ada@example.com").exchange().expectStatus().isNotFound();

        web.get().uri("/lists").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.lists[?(@.name == '" + list + "')].ttl").isEqualTo("30d");
        web.delete().uri("/lists/" + list).exchange().expectStatus().isOk()
                .expectBody().json("{\"deleted\": \"" + list + "\"}", true);
        web.get().uri("/exists/{lists}/{value}", list, "512-555-0100").exchange().expectStatus().isNotFound()
                .expectBody().json("{\"error\": \"No list named " + list + "\"}", true);
    }

    @Test
    void queriesSeveralListsAndLoadsCsv() {
        String first = newList(Map.of("name", "csv_a_" + suffix()));
        String second = newList(Map.of("name", "csv_b_" + suffix()));
        web.post().uri("/lists/" + second + "/items").contentType(MediaType.parseMediaType("text/csv"))
                .bodyValue("email,name\nada@example.com,Ada\n\"grace@example.com\",Grace\n\"broken,Bob\n")
                .exchange().expectStatus().isOk().expectBody().json("""
                        {"specified_lists": ["%s"], "accepted": 2, "rejected": 1}""".formatted(second), true);

        web.get().uri("/exists/{lists}/{value}", first + "|" + second, "grace@example.com").exchange()
                .expectStatus().isOk().expectBody().json("""
                        {"specified_lists": ["%1$s", "%2$s"], "found": true, "exists_in_lists": ["%2$s"]}"""
                        .formatted(first, second));
    }

    @Test
    void concurrentUniqueChecksOfOneValueLetExactlyOnePass() {
        String list = newList(Map.of("name", "dupes_" + suffix()));
        WebClient client = WebClient.create("http://127.0.0.1:" + port);
        List<Integer> statuses = Flux.range(0, 24)
                .flatMap(i -> client.post().uri("/unique/" + list).bodyValue(Map.of("value", "Same@Example.com"))
                        .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value())),
                        24)
                .collectList()
                .block(Duration.ofSeconds(60));

        assertThat(statuses).hasSize(24);
        assertThat(statuses.stream().filter(status -> status == 201)).hasSize(1);
        assertThat(statuses.stream().filter(status -> status == 409)).hasSize(23);
        web.post().uri("/unique/" + list).bodyValue(Map.of("value", "same@example.com")).exchange()
                .expectStatus().isEqualTo(409).expectBody().json("""
                        {"specified_lists": ["%1$s"], "found": true, "found_in": ["%1$s"], "added_at": "%2$s"}"""
                        .formatted(list, TestPartners.NOW), true);
        web.post().uri("/unique/" + list).bodyValue(Map.of("value", "other@example.com")).exchange()
                .expectStatus().isCreated().expectBody().json("""
                        {"specified_lists": ["%s"], "found": false, "added": true}""".formatted(list), true);
    }

    @Test
    void expiredEntriesAreNotFoundAndAreRemovedFromTheStore() {
        String list = newList(Map.of("name", "window_" + suffix(), "ttl", "1h"));
        web.post().uri("/unique/" + list).bodyValue(Map.of("value", "ada@example.com")).exchange()
                .expectStatus().isCreated();
        web.post().uri("/lists/" + list + "/items").bodyValue(Map.of("values", List.of("grace@example.com"),
                "ttl", "3h")).exchange().expectStatus().isOk();
        String key = ListCommands.key(list, keys.hash(spec(list), "ada@example.com"));
        await().atMost(Duration.ofSeconds(15)).until(() -> entries().get(key) != null);

        ((TestClock) clock).advance(Duration.ofMinutes(59));
        web.post().uri("/unique/" + list).bodyValue(Map.of("value", "ada@example.com")).exchange()
                .expectStatus().isEqualTo(409);
        ((TestClock) clock).advance(Duration.ofMinutes(2));
        web.get().uri("/exists/{lists}/{value}", list, "ada@example.com").exchange().expectStatus().isNotFound();
        web.get().uri("/exists/{lists}/{value}", list, "grace@example.com").exchange().expectStatus().isOk();
        await().atMost(Duration.ofSeconds(15)).until(() -> entries().get(key) == null);
        web.post().uri("/unique/" + list).bodyValue(Map.of("value", "ada@example.com")).exchange()
                .expectStatus().isCreated();
    }

    @Test
    void entriesAreRestoredFromTheChangelogWhenTheLocalStateIsLost() throws Exception {
        String list = newList(Map.of("name", "restored_" + suffix()));
        web.post().uri("/lists/" + list + "/items").bodyValue(Map.of("values", List.of("ada@example.com")))
                .exchange().expectStatus().isOk();
        web.get().uri("/exists/{lists}/{value}", list, "ada@example.com").exchange().expectStatus().isOk();

        streams.stop();
        KafkaStreams stopped = streams.getKafkaStreams();
        if (stopped != null) {
            stopped.cleanUp();
        }
        streams.start();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> streams.getKafkaStreams().state() == KafkaStreams.State.RUNNING);

        web.get().uri("/exists/{lists}/{value}", list, "ada@example.com").exchange().expectStatus().isOk();
        assertThat(directory.find(list)).isPresent();
    }

    @Test
    void topicsCarryHashesNeverValues() {
        String list = newList(Map.of("name", "private_" + suffix()));
        web.post().uri("/unique/" + list).bodyValue(Map.of("value", "secret.person@example.com")).exchange()
                .expectStatus().isCreated();
        String hash = keys.hash(spec(list), "secret.person@example.com");

        List<ConsumerRecord<String, byte[]>> records = readAll(List.of(Topics.LIST_COMMANDS, Topics.LIST_ENTRIES,
                Topics.LIST_DECISIONS, Topics.LIST_DEFINITIONS));
        assertThat(records).anySatisfy(record -> assertThat(record.key()).isEqualTo(list + "/" + hash));
        assertThat(records).allSatisfy(record -> assertThat(record.value() == null ? ""
                : new String(record.value(), StandardCharsets.ISO_8859_1)).doesNotContain("secret.person"));
        assertThat(records).filteredOn(record -> record.topic().equals(Topics.LIST_ENTRIES)
                        && record.key().equals(list + "/" + hash))
                .singleElement()
                .satisfies(record -> assertThat(decodeEntry(record.value()).getList()).isEqualTo(list));
    }

    @Test
    void refusesBadRequests() {
        web.post().uri("/lists").bodyValue(Map.of("name", "!!")).exchange().expectStatus().isBadRequest()
                .expectBody().json("{\"error\": \"name is required (letters, digits, _)\"}", true);
        web.post().uri("/lists").bodyValue(Map.of("name", "x", "secret", "plain-text-secret")).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.error")
                .isEqualTo("secret must be a reference such as ${secret:NAME} or ${env:NAME}, never the secret itself");
        web.post().uri("/lists").bodyValue(Map.of("name", "x", "ttl", "soon")).exchange()
                .expectStatus().isBadRequest();
        web.post().uri("/unique/no_such_list").bodyValue(Map.of("value", "a@b.c")).exchange()
                .expectStatus().isNotFound().expectBody().json("{\"error\": \"No list named no_such_list\"}", true);
    }

    private String newList(Map<String, Object> body) {
        return web.post().uri("/lists").bodyValue(body).exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("name").toString();
    }

    private ListSpec spec(String list) {
        return directory.find(list).orElseThrow();
    }

    private ReadOnlyKeyValueStore<String, ListEntry> entries() {
        return streams.getKafkaStreams().store(StoreQueryParameters.fromNameAndType(ListsTopology.ENTRIES,
                QueryableStoreTypes.keyValueStore()));
    }

    private List<ConsumerRecord<String, byte[]>> readAll(List<String> topics) {
        Map<String, Object> settings = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(settings, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            topics.forEach(topic -> consumer.partitionsFor(topic).forEach(info ->
                    partitions.add(new TopicPartition(topic, info.partition()))));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            await().atMost(Duration.ofSeconds(15)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return partitions.stream().allMatch(partition -> consumer.position(partition) >= ends.get(partition));
            });
        }
        return records;
    }

    private ListEntry decodeEntry(byte[] bytes) {
        try (AvroDeserializer<ListEntry> values = new AvroDeserializer<>(ListEntry.class)) {
            values.configure(Map.of("bootstrap.servers", broker.getBrokersAsString()), false);
            return values.deserialize(Topics.LIST_ENTRIES, bytes);
        }
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
