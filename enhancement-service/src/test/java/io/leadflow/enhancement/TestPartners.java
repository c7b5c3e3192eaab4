package io.leadflow.enhancement;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.Clock;
import java.time.Instant;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * What the service talks to in tests: a WireMock data service on 127.0.0.1 (started and stopped with the context),
 * an environment in which the test flows' {@code ${env:DATA_SERVICE_URL}} points at it, and a fixed clock.
 */
@TestConfiguration(proxyBeanMethods = false)
class TestPartners {

    static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

    @Bean(destroyMethod = "stop")
    WireMockServer dataService() {
        WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        return server;
    }

    /** {@code ${env:DATA_SERVICE_URL}} reads the Spring environment: the flows find WireMock through this property. */
    @Bean
    DynamicPropertyRegistrar dataServiceUrl(WireMockServer dataService) {
        return registry -> registry.add("DATA_SERVICE_URL", () -> "http://127.0.0.1:" + dataService.port());
    }

    @Bean
    Clock clock() {
        return new TestClock(NOW);
    }
}
