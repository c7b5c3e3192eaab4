package io.leadflow.feedback.inbound;

import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.stereotype.Component;

/**
 * Health of the lead-record topology: DOWN once Kafka Streams stopped for good (a fatal error shuts the client down),
 * so an orchestrator restarts the instance instead of leaving it answering without state. Starting and rebalancing
 * count as up: feedback calls then wait or get 503 with Retry-After.
 */
@Component("kafkaStreams")
class KafkaStreamsHealth implements HealthIndicator {

    private final StreamsBuilderFactoryBean streams;

    KafkaStreamsHealth(StreamsBuilderFactoryBean streams) {
        this.streams = streams;
    }

    @Override
    public Health health() {
        KafkaStreams client = streams.getKafkaStreams();
        if (client == null) {
            return Health.down().withDetail("state", "NOT_STARTED").build();
        }
        KafkaStreams.State state = client.state();
        boolean stopped = state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR
                || state == KafkaStreams.State.NOT_RUNNING || state == KafkaStreams.State.PENDING_SHUTDOWN;
        return (stopped ? Health.down() : Health.up()).withDetail("state", state.name()).build();
    }
}
