package io.leadflow.feedback;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

/**
 * The one application context every IT of this module shares: the service on a random port, an embedded KRaft
 * broker (transaction logs of replication 1 for exactly-once), the test flows, a fixed clock, and Kafka Streams state
 * in a fresh directory under {@code target/}, removed when the context closes.
 */
@SpringBootTest(classes = {FeedbackApplication.class, SharedFeedbackContext.TestBeans.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "spring.config.name=feedback",
                "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
                "spring.kafka.streams.cleanup.on-shutdown=true",
                "leadflow.flows-dir=src/test/resources/flows",
                "leadflow.secrets-dir=src/test/resources/secrets",
                "leadflow.outbound.allow-private-networks=true"})
@AutoConfigureWebTestClient
@EmbeddedKafka(partitions = 3, brokerProperties = {
        "transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1"})
abstract class SharedFeedbackContext {

    static final Instant NOW = Instant.parse("2025-03-02T09:00:00Z");
    private static final Path STATE_DIR = temporaryStateDir();

    @DynamicPropertySource
    static void stateDir(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.streams.state-dir", STATE_DIR::toString);
    }

    private static Path temporaryStateDir() {
        try {
            Path target = Files.createDirectories(Path.of("target"));
            return Files.createTempDirectory(target, "feedback-state-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class TestBeans {
        @Bean
        Clock clock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }

        /** Destroyed after Kafka Streams has stopped (lifecycle stops come before bean destruction). */
        @Bean
        DisposableBean temporaryStateDirRemoval() {
            return () -> FileSystemUtils.deleteRecursively(STATE_DIR);
        }
    }
}
