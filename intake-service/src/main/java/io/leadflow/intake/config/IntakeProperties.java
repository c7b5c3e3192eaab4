package io.leadflow.intake.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Intake's own settings, under {@code leadflow.intake} (defaults in {@code intake.yml}).
 *
 * @param publishTimeout how long a submission waits for Kafka to acknowledge its lead before answering 503
 *                       ({@code LEADFLOW_INTAKE_PUBLISH_TIMEOUT})
 * @param maxBodySize    the largest request body read; a larger one is answered 413
 *                       ({@code LEADFLOW_INTAKE_MAX_BODY_SIZE})
 */
@ConfigurationProperties("leadflow.intake")
public record IntakeProperties(Duration publishTimeout, DataSize maxBodySize) {
}
