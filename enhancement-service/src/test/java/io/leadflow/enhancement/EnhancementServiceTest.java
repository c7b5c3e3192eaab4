package io.leadflow.enhancement;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * The service on an embedded KRaft broker (transaction logs of replication 1 for the lists' exactly-once Streams)
 * with its test flows, a WireMock data service, a settable clock and lists state under {@code target/}: every IT of this module
 * carries exactly this annotation, so they all share one application context (and one broker).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=enhancement",
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
        "leadflow.flows-dir=src/test/resources/flows",
        "leadflow.outbound.allow-private-networks=true",
        "leadflow.lists.secret=test-lists-secret",
        "leadflow.lists.sweep-interval=500ms",
        "spring.kafka.streams.cleanup.on-shutdown=true",
        "spring.kafka.streams.state-dir=target/lists-state-${random.uuid}"})
@EmbeddedKafka(partitions = 3, brokerProperties = {
        "transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1"})
@AutoConfigureWebTestClient
@Import(TestPartners.class)
public @interface EnhancementServiceTest {
}
