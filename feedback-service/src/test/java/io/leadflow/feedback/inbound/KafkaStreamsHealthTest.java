package io.leadflow.feedback.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

class KafkaStreamsHealthTest {

    @Test
    void isDownOnlyWhenTheStreamsClientStoppedForGood() {
        Map<KafkaStreams.State, Status> cases = Map.of(
                KafkaStreams.State.CREATED, Status.UP,
                KafkaStreams.State.REBALANCING, Status.UP,
                KafkaStreams.State.RUNNING, Status.UP,
                KafkaStreams.State.PENDING_SHUTDOWN, Status.DOWN,
                KafkaStreams.State.NOT_RUNNING, Status.DOWN,
                KafkaStreams.State.PENDING_ERROR, Status.DOWN,
                KafkaStreams.State.ERROR, Status.DOWN);
        cases.forEach((state, expected) -> {
            KafkaStreams client = mock(KafkaStreams.class);
            when(client.state()).thenReturn(state);

            Health health = new KafkaStreamsHealth(factoryWith(client)).health();

            assertThat(health.getStatus()).as(state.name()).isEqualTo(expected);
            assertThat(health.getDetails()).isEqualTo(Map.of("state", state.name()));
        });
    }

    @Test
    void isDownBeforeTheClientExists() {
        assertThat(new KafkaStreamsHealth(factoryWith(null)).health())
                .isEqualTo(Health.down().withDetail("state", "NOT_STARTED").build());
    }

    private static StreamsBuilderFactoryBean factoryWith(KafkaStreams client) {
        StreamsBuilderFactoryBean factory = mock(StreamsBuilderFactoryBean.class);
        when(factory.getKafkaStreams()).thenReturn(client);
        return factory;
    }
}
