package io.leadflow.delivery;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * What the service talks to in tests: WireMock buyers on 127.0.0.1 (started and stopped with the context), an
 * environment in which the test flows' {@code ${env:PARTNERS_URL}} points at them, and a fixed clock.
 */
@TestConfiguration(proxyBeanMethods = false)
class TestPartners {

    static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

    @Bean(destroyMethod = "stop")
    WireMockServer buyers() {
        WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        return server;
    }

    /** {@code ${env:PARTNERS_URL}} reads the Spring environment, so the flows find WireMock through this property. */
    @Bean
    DynamicPropertyRegistrar partnersUrl(WireMockServer buyers) {
        return registry -> registry.add("PARTNERS_URL", () -> "http://127.0.0.1:" + buyers.port());
    }

    @Bean
    Clock clock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }
}
