package io.leadflow.e2e;

import io.leadflow.delivery.DeliveryApplication;
import io.leadflow.enhancement.EnhancementApplication;
import io.leadflow.feedback.FeedbackApplication;
import io.leadflow.intake.IntakeApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The four Leadflow services in this JVM, each with its own configuration, on one broker and one flows directory. */
final class LeadflowStack implements AutoCloseable {

    private final List<ConfigurableApplicationContext> services = new ArrayList<>();
    private final int intakePort = freePort();
    private final int enhancementPort = freePort();
    private final int feedbackPort = freePort();
    private final int deliveryPort = freePort();

    private LeadflowStack() {
    }

    /**
     * Starts intake, enhancement, delivery and feedback against {@code bootstrapServers}; {@code settings} are added to
     * every service's environment (the flows' {@code ${env:…}} values, for example); delivery's dead-letter API wants
     * {@code adminToken}.
     */
    static LeadflowStack start(String bootstrapServers, Path flowsDir, Path stateDir, Map<String, String> settings,
                               String adminToken) {
        LeadflowStack stack = new LeadflowStack();
        try {
            Map<String, Object> common = new LinkedHashMap<>(settings);
            common.put("spring.kafka.bootstrap-servers", bootstrapServers);
            common.put("leadflow.flows-dir", flowsDir.toString());
            common.put("leadflow.secrets-dir", stateDir.resolve("secrets").toString());
            common.put("leadflow.outbound.allow-private-networks", "true");
            common.put("server.address", "127.0.0.1");
            common.put("leadflow.lists-url", stack.enhancementUrl());
            stack.run(IntakeApplication.application(), common, Map.of("server.port", stack.intakePort));
            stack.run(EnhancementApplication.application(), common, Map.of("server.port", stack.enhancementPort,
                    "spring.kafka.streams.state-dir", stateDir.resolve("enhancement").toString(),
                    "leadflow.lists.secret", "e2e-lists-secret"));
            // The e2e buyer fails on purpose for some leads; its circuit must not open and turn the next tests'
            // "Server error" into "Circuit open" (circuit breakers are tested in delivery-service).
            stack.run(DeliveryApplication.application(), common, Map.of("server.port", stack.deliveryPort,
                    "leadflow.admin-token", adminToken,
                    "leadflow.delivery.circuit-breaker.minimum-number-of-calls", 10_000,
                    "leadflow.delivery.circuit-breaker.sliding-window-size", 10_000));
            stack.run(FeedbackApplication.application(), common, Map.of("server.port", stack.feedbackPort,
                    "spring.kafka.streams.state-dir", stateDir.resolve("feedback").toString(),
                    "leadflow.feedback.advertised-url", "http://127.0.0.1:" + stack.feedbackPort));
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    String intakeUrl() {
        return "http://127.0.0.1:" + intakePort;
    }

    /** enhancement-service: the lists API. */
    String enhancementUrl() {
        return "http://127.0.0.1:" + enhancementPort;
    }

    String feedbackUrl() {
        return "http://127.0.0.1:" + feedbackPort;
    }

    String deliveryUrl() {
        return "http://127.0.0.1:" + deliveryPort;
    }

    /** Settings go in as command-line arguments: they must win over each service's own configuration file. */
    private void run(SpringApplicationBuilder application, Map<String, Object> common, Map<String, Object> own) {
        Map<String, Object> properties = new LinkedHashMap<>(common);
        properties.putAll(own);
        String[] arguments = properties.entrySet().stream()
                .map(setting -> "--" + setting.getKey() + "=" + setting.getValue())
                .toArray(String[]::new);
        services.add(application.run(arguments));
    }

    @Override
    public void close() {
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).close();
        }
        services.clear();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
