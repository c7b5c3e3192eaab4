package io.leadflow.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The broker as `./leadflow up` runs it: a child process on Kafka's jars that `package` copied to target/lib. */
class KafkaBrokerProcessIT {

    private static final String BROKER_CLASSPATH = Path.of("target", "lib").toAbsolutePath().resolve("*").toString();
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(45);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final String TOPIC = "broker-restart-check";
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);

    @TempDir
    Path directory;

    private KafkaBrokerProcess broker;

    @BeforeEach
    void describeBroker() throws IOException {
        int[] ports = freePorts();
        broker = new KafkaBrokerProcess(directory.resolve("kafka"), directory.resolve("logs").resolve("kafka.log"),
                BROKER_CLASSPATH, ports[0], ports[1]);
    }

    @AfterEach
    void stopBroker() throws InterruptedException {
        broker.stop(STOP_GRACE);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void keepsAcknowledgedRecordsAcrossARestart() throws Exception {
        broker.start(READY_TIMEOUT);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(TOPIC, "lead-1", "{\"email\":\"ada@example.com\"}"))
                    .get(30, TimeUnit.SECONDS);
        }

        assertThat(broker.stop(STOP_GRACE)).as("the broker stopped on SIGTERM without being killed").isTrue();
        broker.start(READY_TIMEOUT);

        List<String> consumed = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(PARTITION));
            consumer.seekToBeginning(List.of(PARTITION));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> consumed.add(record.key() + "=" + record.value()));
                return !consumed.isEmpty();
            });
        }
        assertThat(consumed).containsExactly("lead-1={\"email\":\"ada@example.com\"}");
    }

    private static int[] freePorts() throws IOException {
        try (ServerSocket client = new ServerSocket(0); ServerSocket controller = new ServerSocket(0)) {
            return new int[] {client.getLocalPort(), controller.getLocalPort()};
        }
    }
}
