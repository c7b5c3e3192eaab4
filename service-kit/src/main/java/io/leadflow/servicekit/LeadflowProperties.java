package io.leadflow.servicekit;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings every service shares, under {@code leadflow.*} (defaults in {@code leadflow-defaults.yml}).
 *
 * @param flowsDir         where the flow files are ({@code LEADFLOW_FLOWS_DIR})
 * @param secretsDir       where {@code ${secret:NAME}} files are ({@code LEADFLOW_SECRETS_DIR})
 * @param kafka            how this service creates the topics it uses
 * @param outbound         how integration requests go out
 * @param deadLetterTopic  where this service parks records it cannot process (unset: the service consumes nothing)
 * @param adminToken       the token the admin APIs (the integration workbench, ...) require as
 *                         {@code Authorization: Bearer <token>} ({@code LEADFLOW_ADMIN_TOKEN}; blank: open)
 * @param listsUrl         base URL of the lists API (enhancement-service) the suppression modules call by default
 *                         ({@code LEADFLOW_LISTS_URL})
 */
@ConfigurationProperties("leadflow")
public record LeadflowProperties(Path flowsDir, Path secretsDir, Kafka kafka, Outbound outbound,
                                 String deadLetterTopic, String adminToken, String listsUrl) {

    /** Partitions and replication factor of the topics this service creates when they are missing. */
    public record Kafka(int partitions, short replicationFactor) {
    }

    /**
     * @param allowPrivateNetworks whether recipients may be on loopback or private addresses (local mode, tests)
     * @param maxConnections       pooled connections to recipients, across all of them
     */
    public record Outbound(boolean allowPrivateNetworks, int maxConnections) {
    }
}
