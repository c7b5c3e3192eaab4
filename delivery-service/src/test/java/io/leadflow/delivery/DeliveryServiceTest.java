package io.leadflow.delivery;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * The service on an embedded KRaft broker with its test flows and WireMock buyers: every IT of this module
 * carries exactly this annotation, so they all share one application context (and one broker).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=delivery",
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
        "leadflow.flows-dir=src/test/resources/flows",
        "leadflow.outbound.allow-private-networks=true",
        "leadflow.admin-token=" + DeliveryServiceTest.ADMIN_TOKEN})
// A single broker: transactions need their log with one replica.
@EmbeddedKafka(brokerProperties = {"transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1",
        "offsets.topic.replication.factor=1"})
@AutoConfigureWebTestClient
@Import(TestPartners.class)
public @interface DeliveryServiceTest {

    /** The admin token the workbench and the dead-letter API require in these tests. */
    String ADMIN_TOKEN = "it-admin-token";
}
