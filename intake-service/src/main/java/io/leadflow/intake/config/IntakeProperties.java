package io.leadflow.intake.config;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Intake's own settings, under {@code leadflow.intake} (defaults in {@code intake.yml}).
 *
 * @param publishTimeout  how long a submission waits for Kafka to acknowledge its lead before answering 503
 *                        ({@code LEADFLOW_INTAKE_PUBLISH_TIMEOUT})
 * @param maxBodySize     the largest request body read; a larger one is answered 413
 *                        ({@code LEADFLOW_INTAKE_MAX_BODY_SIZE})
 * @param trustedProxies  addresses and ranges whose {@code X-Forwarded-For} is believed when a source has an
 *                        allow-list ({@code LEADFLOW_INTAKE_TRUSTED_PROXIES}, comma-separated; none by default)
 * @param fieldKeySecret  the secret (file in the secrets directory) holding the AES key that seals ssn and credential
 *                        fields ({@code LEADFLOW_FIELD_KEY_SECRET}); needed only when a flow has such fields
 */
@ConfigurationProperties("leadflow.intake")
public record IntakeProperties(Duration publishTimeout, DataSize maxBodySize, List<String> trustedProxies,
                               String fieldKeySecret) {

    public IntakeProperties {
        trustedProxies = trustedProxies == null ? List.of()
                : trustedProxies.stream().map(String::strip).filter(proxy -> !proxy.isEmpty()).toList();
    }
}
