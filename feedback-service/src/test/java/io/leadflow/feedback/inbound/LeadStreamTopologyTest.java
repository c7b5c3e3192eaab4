package io.leadflow.feedback.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.feedback.UpstreamEvents;
import io.leadflow.feedback.domain.FeedbackMatcher;
import io.leadflow.feedback.domain.LeadRecord;
import io.leadflow.feedback.outbound.FeedbackDecisionEvents;
import io.leadflow.feedback.outbound.LeadRecordBinary;
import io.leadflow.feedback.outbound.LeadRecordJson;
import io.leadflow.schemas.Topics;
import io.leadflow.schemas.common.EventMetadata;
import io.leadflow.schemas.feedback.FeedbackMatched;
import io.leadflow.schemas.feedback.FeedbackReceived;
import io.leadflow.schemas.feedback.FeedbackRejected;
import io.leadflow.schemas.feedback.FeedbackRejection;
import io.leadflow.schemas.feedback.FeedbackType;
import io.leadflow.schemas.kafka.AvroDeserializer;
import io.leadflow.servicekit.EventIds;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The topology on Kafka Streams' test driver. The real serializer registers schemas on a broker's registry topic, so
 * here Avro's encoder writes the same single-object encoding without one; FeedbackIT runs the real serde.
 */
class LeadStreamTopologyTest {

    private static final Instant NOW = Instant.parse("2025-03-02T09:00:00Z");

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private final UpstreamEvents lead = new UpstreamEvents("lead-1", "open");

    @BeforeEach
    void startDriver() {
        StreamsBuilder builder = new StreamsBuilder();
        new LeadStreamTopology(new FeedbackMatcher(Set.of()),
                new FeedbackDecisionEvents(Clock.fixed(NOW, ZoneOffset.UTC)), new RegistryFreeSerdes(),
                new LeadRecordBinary(new LeadRecordJson()).serde()).define(builder);
        Properties settings = new Properties();
        settings.put(StreamsConfig.APPLICATION_ID_CONFIG, "leadflow-feedback-test");
        settings.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(builder.build(), settings);
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void matchesAReturnToTheRecipientThatAcceptedTheLead() {
        publishLeadLife();

        input(Topics.FEEDBACK_RECEIVED, FeedbackReceived.class).pipeInput("lead-1", lead.feedback("f1", FeedbackType.RETURN));

        assertThat(output(Topics.FEEDBACK_MATCHED, FeedbackMatched.class).readKeyValuesToMap()).containsExactly(
                Map.entry("lead-1", new FeedbackMatched(metadata("feedback-matched", "f1"), "f1", "lead-1",
                        "open", "web", FeedbackType.RETURN, "Wrong number", "buyer-abc", "Buyer ABC", 12.5)));
        assertThat(output(Topics.FEEDBACK_REJECTED, FeedbackRejected.class).isEmpty()).isTrue();
    }

    @Test
    void rejectsTheSecondOfTwoReturnsThatArriveTogether() {
        publishLeadLife();
        TestInputTopic<String, FeedbackReceived> feedback = input(Topics.FEEDBACK_RECEIVED, FeedbackReceived.class);

        feedback.pipeInput("lead-1", lead.feedback("f1", FeedbackType.RETURN));
        feedback.pipeInput("lead-1", lead.feedback("f2", FeedbackType.RETURN));

        assertThat(output(Topics.FEEDBACK_MATCHED, FeedbackMatched.class).readValuesToList())
                .extracting(FeedbackMatched::getFeedbackId).containsExactly("f1");
        assertThat(output(Topics.FEEDBACK_REJECTED, FeedbackRejected.class).readValuesToList()).containsExactly(
                new FeedbackRejected(metadata("feedback-rejected", "f2"), "f2", "lead-1", FeedbackType.RETURN,
                        FeedbackRejection.DUPLICATE_RETURN, "Lead lead-1 was already returned by Buyer ABC"));
    }

    @Test
    void rejectsFeedbackForALeadItNeverSaw() {
        input(Topics.FEEDBACK_RECEIVED, FeedbackReceived.class).pipeInput("lead-1", lead.feedback("f1", FeedbackType.CONVERSION));

        assertThat(output(Topics.FEEDBACK_REJECTED, FeedbackRejected.class).readValuesToList()).containsExactly(
                new FeedbackRejected(metadata("feedback-rejected", "f1"), "f1", "lead-1", FeedbackType.CONVERSION,
                        FeedbackRejection.UNKNOWN_LEAD, "Lead lead-1 not found"));
        KeyValueStore<String, LeadRecord> records = driver.getKeyValueStore(LeadStreamTopology.LEAD_RECORDS);
        assertThat(records.get("lead-1")).isNull();
    }

    @Test
    void keepsTheLeadsRecordInTheStore() {
        publishLeadLife();
        input(Topics.FEEDBACK_RECEIVED, FeedbackReceived.class).pipeInput("lead-1", lead.feedback("f1", FeedbackType.RETURN));

        KeyValueStore<String, LeadRecord> records = driver.getKeyValueStore(LeadStreamTopology.LEAD_RECORDS);
        LeadRecord record = records.get("lead-1");

        assertThat(record.lead().fields()).containsOnlyKeys("email", "phone_1");
        assertThat(record.steps()).extracting(LeadRecord.Step::step).containsExactly("phone-check", "buyer-abc");
        assertThat(record.deliveries()).extracting(LeadRecord.Delivery::entity).containsExactly("Buyer ABC");
        assertThat(record.completion()).isNotNull();
        assertThat(record.feedback()).extracting(LeadRecord.FeedbackEntry::id).containsExactly("f1");
    }

    private void publishLeadLife() {
        input(Topics.LEAD_RECEIVED, io.leadflow.schemas.intake.LeadReceived.class).pipeInput("lead-1", lead.received());
        input(Topics.LEAD_ENHANCED, io.leadflow.schemas.enhancement.LeadEnhanced.class).pipeInput("lead-1", lead.enhanced());
        input(Topics.DELIVERY_ATTEMPTED, io.leadflow.schemas.delivery.DeliveryAttempted.class)
                .pipeInput("lead-1", lead.accepted());
        input(Topics.LEAD_COMPLETED, io.leadflow.schemas.delivery.LeadCompleted.class).pipeInput("lead-1", lead.completed());
    }

    private static EventMetadata metadata(String kind, String feedbackId) {
        String cause = "feedback-" + feedbackId + "-of-lead-1";
        return new EventMetadata(EventIds.derived(kind, cause), NOW, "lead-1", cause);
    }

    private <T extends SpecificRecord> TestInputTopic<String, T> input(String topic, Class<T> type) {
        return driver.createInputTopic(topic, Serdes.String().serializer(), new RegistryFreeSerdes().serde(type).serializer());
    }

    private <T extends SpecificRecord> TestOutputTopic<String, T> output(String topic, Class<T> type) {
        return driver.createOutputTopic(topic, Serdes.String().deserializer(),
                new RegistryFreeSerdes().serde(type).deserializer());
    }

    /**
     * The real deserializer (it resolves this build's schemas without asking the registry topic) and Avro's own
     * single-object encoder in place of the serializer, which would register the schema on a broker.
     */
    private static final class RegistryFreeSerdes implements AvroSerdeFactory {
        @Override
        public <T extends SpecificRecord> Serde<T> serde(Class<T> type) {
            SpecificData model = SpecificData.getForClass(type);
            BinaryMessageEncoder<T> encoder = new BinaryMessageEncoder<>(model, model.getSchema(type));
            AvroDeserializer<T> deserializer = new AvroDeserializer<>(type);
            deserializer.configure(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1"), false);
            return Serdes.serdeFrom((topic, value) -> {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                try {
                    encoder.encode(value, bytes);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return bytes.toByteArray();
            }, deserializer);
        }
    }
}
