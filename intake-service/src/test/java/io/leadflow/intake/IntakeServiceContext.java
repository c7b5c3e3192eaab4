package io.leadflow.intake;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * intake-service on an embedded KRaft broker with the test flows of {@code src/test/resources/flows}. Every IT of
 * this module uses exactly this annotation, so they all share one application context and one broker.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=intake",
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
        "leadflow.flows-dir=src/test/resources/flows",
        "leadflow.outbound.allow-private-networks=true",
        "server.address=127.0.0.1"})
@EmbeddedKafka(partitions = 3)
@AutoConfigureWebTestClient
public @interface IntakeServiceContext {
}
