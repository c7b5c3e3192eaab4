package io.leadflow.intake;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * intake-service on an embedded KRaft broker with the test flows of {@code src/test/resources/flows} and the field
 * key in {@code src/test/resources/secrets}; requests from loopback count as coming through a trusted proxy, and the
 * workbench needs an admin token. Every IT of this module uses exactly this annotation, so they all share one
 * application context and one broker.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=intake",
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
        "leadflow.flows-dir=src/test/resources/flows",
        "leadflow.secrets-dir=src/test/resources/secrets",
        "leadflow.outbound.allow-private-networks=true",
        "leadflow.intake.trusted-proxies=127.0.0.1",
        "leadflow.admin-token=" + IntakeServiceContext.ADMIN_TOKEN,
        "SHOP_API_KEY=" + IntakeServiceContext.SHOP_API_KEY,
        "SHOP_BASIC_PASSWORD=" + IntakeServiceContext.SHOP_BASIC_PASSWORD,
        "server.address=127.0.0.1"})
@EmbeddedKafka(partitions = 3)
@AutoConfigureWebTestClient
public @interface IntakeServiceContext {

    String ADMIN_TOKEN = "test-admin-token";
    String SHOP_API_KEY = "shop-key-1";
    String SHOP_BASIC_PASSWORD = "shop-password-1";
}
