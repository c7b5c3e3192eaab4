package io.leadflow.feedback.config;

import java.net.URI;
import java.time.Duration;
import org.apache.kafka.streams.state.HostInfo;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the feedback service, under {@code leadflow.feedback.*}.
 *
 * @param decisionTimeout how long {@code POST /feedback} waits for its decision before answering 504
 * @param advertisedUrl   where other instances reach this one ({@code LEADFLOW_ADVERTISED_URL}); its host and port
 *                        are Kafka Streams' {@code application.server}, used to forward timeline queries
 */
@ConfigurationProperties("leadflow.feedback")
public record FeedbackProperties(Duration decisionTimeout, URI advertisedUrl) {

    /** This instance as Kafka Streams' {@code application.server}: host and port (the scheme's default when none). */
    public HostInfo advertisedInstance() {
        int port = advertisedUrl.getPort() >= 0 ? advertisedUrl.getPort()
                : "https".equalsIgnoreCase(advertisedUrl.getScheme()) ? 443 : 80;
        return new HostInfo(advertisedUrl.getHost(), port);
    }
}
