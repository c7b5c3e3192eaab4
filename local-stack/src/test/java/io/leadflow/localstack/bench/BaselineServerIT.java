package io.leadflow.localstack.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.leadflow.localstack.KafkaBrokerProcess;
import io.leadflow.schemas.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The baseline endpoint as the benchmark runs it (a child JVM on the classpath `package` copied to target/lib) on a
 * child broker, loaded by the generator for a few seconds. Counts only: rates depend on the machine.
 */
class BaselineServerIT {

    private static final String CLASSPATH = Path.of("target", "classes").toAbsolutePath() + ":"
            + Path.of("target", "lib").toAbsolutePath().resolve("*");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final Duration LOAD = Duration.ofSeconds(3);

    @TempDir
    Path directory;

    private KafkaBrokerProcess broker;
    private BaselineProcess baseline;

    @BeforeEach
    void startBroker() throws Exception {
        int[] ports = freePorts();
        broker = new KafkaBrokerProcess(directory.resolve("kafka"), directory.resolve("logs").resolve("kafka.log"),
                Path.of("target", "lib").toAbsolutePath().resolve("*").toString(), ports[0], ports[1]);
        broker.start(READY_TIMEOUT);
    }

    @AfterEach
    void stopAll() throws InterruptedException {
        if (baseline != null) {
            baseline.close();
        }
        broker.stop(STOP_GRACE);
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void answersEveryLeadWith201AndStoresOneRecordPerAnswer() throws Exception {
        baseline = BaselineProcess.start(CLASSPATH, broker.bootstrapServers(), directory,
                directory.resolve("logs").resolve("baseline.log"));
        baseline.awaitReady(READY_TIMEOUT);

        LoadGenerator.Result result;
        try (LoadGenerator generator = new LoadGenerator(8, new LeadBodies(1))) {
            result = generator.run(baseline.submitUri(), LOAD);
        }

        assertThat(result.requests()).as("requests sent").isPositive();
        assertThat(new long[] {result.answered(), result.failedAnswers(), result.errors()})
                .as("201 answers, other answers, no answer")
                .containsExactly(result.requests(), 0, 0);
        assertThat(result.latencyMicros().getTotalCount()).isEqualTo(result.requests());
        assertThat(recordsOnTheBaselineTopic()).as("records on " + Topics.BENCH_BASELINE)
                .isEqualTo(result.answered());
    }

    private long recordsOnTheBaselineTopic() throws Exception {
        Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (Admin admin = Admin.create(config)) {
            TopicDescription topic = admin.describeTopics(List.of(Topics.BENCH_BASELINE))
                    .allTopicNames().get(30, TimeUnit.SECONDS).get(Topics.BENCH_BASELINE);
            Map<TopicPartition, OffsetSpec> ends = topic.partitions().stream().collect(Collectors.toMap(
                    partition -> new TopicPartition(Topics.BENCH_BASELINE, partition.partition()),
                    partition -> OffsetSpec.latest()));
            // Nothing deletes records here and the producer is idempotent without transactions, so every offset
            // below the end is one acknowledged record.
            return admin.listOffsets(ends).all().get(30, TimeUnit.SECONDS).values().stream()
                    .mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset)
                    .sum();
        }
    }

    private static int[] freePorts() throws IOException {
        try (ServerSocket client = new ServerSocket(0); ServerSocket controller = new ServerSocket(0)) {
            return new int[] {client.getLocalPort(), controller.getLocalPort()};
        }
    }
}
