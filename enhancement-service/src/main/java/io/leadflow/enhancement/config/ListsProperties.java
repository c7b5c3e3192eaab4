package io.leadflow.enhancement.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * enhancement-service's own settings: its suppression and duplicate lists ({@code leadflow.lists.*}).
 *
 * @param secret          the service's hashing secret for lists without their own ({@code LEADFLOW_LISTS_SECRET})
 * @param decisionTimeout how long a query or check-and-add waits for the lists processor
 * @param sweepInterval   how often expired entries and entries of deleted lists are removed
 * @param maxValues       the most values one add or remove call may carry (a CSV upload included)
 */
@ConfigurationProperties("leadflow.lists")
public record ListsProperties(String secret, Duration decisionTimeout, Duration sweepInterval, int maxValues) {
}
