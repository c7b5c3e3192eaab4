package io.leadflow.intake;

import static org.awaitility.Awaitility.await;

import io.leadflow.schemas.Topics;
import io.leadflow.schemas.intake.LeadReceived;
import io.leadflow.schemas.kafka.AvroDeserializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/** What the ITs of this module see of intake: its answers, and the leads on {@code intake.lead-received}. */
final class IntakeCalls {

    static final Duration WAIT = Duration.ofSeconds(20);

    private IntakeCalls() {
    }

    /** An answer: status, content type and body. */
    record Answer(int status, MediaType contentType, String body) {

        String leadId() {
            return body.replaceAll("(?s).*\"lead\":\\{\"id\":\"([0-9a-f]+)\".*", "$1");
        }
    }

    static Answer answer(WebTestClient.ResponseSpec response) {
        EntityExchangeResult<String> result = response.expectBody(String.class).returnResult();
        return new Answer(result.getStatus().value(), result.getResponseHeaders().getContentType(),
                result.getResponseBody());
    }

    static Answer text(int status, String body) {
        return new Answer(status, MediaType.TEXT_PLAIN, body);
    }

    static LeadReceived leadReceived(EmbeddedKafkaBroker broker, Predicate<LeadReceived> match) {
        return await().atMost(WAIT).until(() -> allLeadsReceived(broker).stream().filter(match).findFirst(),
                found -> found.isPresent()).orElseThrow();
    }

    /** Every LeadReceived on the topic so far, read from the beginning to the current end. */
    static List<LeadReceived> allLeadsReceived(EmbeddedKafkaBroker broker) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, AvroDeserializer.class);
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<LeadReceived> leads = new ArrayList<>();
        try (KafkaConsumer<String, LeadReceived> consumer = new KafkaConsumer<>(settings)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.LEAD_RECEIVED).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                consumer.poll(Duration.ofMillis(100)).forEach(record -> leads.add(record.value()));
            }
        }
        return leads;
    }
}
