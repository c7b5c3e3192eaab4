package io.leadflow.schemas.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadflow.schemas.SampleEvents;
import io.leadflow.schemas.Topics;
import io.leadflow.schemas.common.DynamicValue;
import io.leadflow.schemas.common.FieldValue;
import io.leadflow.schemas.intake.LeadReceived;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.Encoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** The serde against a real broker, which doubles as the schema registry. */
class AvroSerdeIT {

    private static final LeadReceived LEAD = (LeadReceived) SampleEvents.all().get(0);

    private static EmbeddedKafkaBroker broker;
    private static Map<String, Object> configs;

    @BeforeAll
    static void startBroker() {
        broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.afterPropertiesSet();
        configs = Map.of("bootstrap.servers", broker.getBrokersAsString());
    }

    @AfterAll
    static void stopBroker() {
        broker.destroy();
    }

    @Test
    void roundTripsEveryEventType() {
        try (var serializer = new AvroSerializer<SpecificRecord>(); var deserializer = new AvroDeserializer<>()) {
            serializer.configure(configs, false);
            deserializer.configure(configs, false);
            for (SpecificRecord event : SampleEvents.all()) {
                String topic = Topics.EVENT_TOPICS.stream()
                        .filter(t -> t.valueType().equals(event.getClass())).findFirst().orElseThrow().name();

                byte[] bytes = serializer.serialize(topic, event);

                assertThat(deserializer.deserialize(topic, bytes)).as(topic).isEqualTo(event);
            }
        }
    }

    @Test
    void writesTheBytesOfAvrosOwnSingleObjectEncoder() throws IOException {
        try (var serializer = new AvroSerializer<SpecificRecord>()) {
            serializer.configure(configs, false);
            List<SpecificRecord> events = new ArrayList<>(SampleEvents.all());
            events.add(LeadReceived.newBuilder(LEAD).setSourceId("s".repeat(100_000)).build());
            for (SpecificRecord event : events) {
                ByteArrayOutputStream expected = new ByteArrayOutputStream();
                new BinaryMessageEncoder<SpecificRecord>(SpecificData.getForSchema(event.getSchema()),
                        event.getSchema()).encode(event, expected);

                byte[] first = serializer.serialize("any", event);
                byte[] again = serializer.serialize("any", event);

                assertThat(first).as(event.getSchema().getName()).isEqualTo(expected.toByteArray());
                assertThat(again).as(event.getSchema().getName() + ", scratch buffer reused")
                        .isEqualTo(expected.toByteArray());
            }
        }
    }

    @Test
    void refusesAValueOutsideTheDynamicValueUnion() {
        try (var serializer = new AvroSerializer<SpecificRecord>()) {
            serializer.configure(configs, false);
            FieldValue wrong = new FieldValue("number", "7", new DynamicValue(7), true, Map.of(), null);
            LeadReceived lead = LeadReceived.newBuilder(LEAD).setFields(Map.of("age", wrong)).build();

            assertThatThrownBy(() -> serializer.serialize(Topics.LEAD_RECEIVED, lead))
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining("Could not encode io.leadflow.schemas.intake.LeadReceived");
        }
    }

    @Test
    void readsARecordOfANewerWriterThroughTheRegistryTopic() throws IOException {
        Schema newer = withStringField(LeadReceived.getClassSchema(), "campaign");
        GenericRecord written = asSchema(LEAD, newer);
        written.put("campaign", "spring-sale");
        byte[] bytes = encode(written);
        publishOnRegistryTopic(newer);

        try (var deserializer = new AvroDeserializer<LeadReceived>()) {
            deserializer.configure(configs, false);

            assertThat(deserializer.deserialize(Topics.LEAD_RECEIVED, bytes)).isEqualTo(LEAD);
        }
    }

    @Test
    void namesTopicAndFingerprintOfASchemaFoundNowhere() throws IOException {
        Schema unregistered = withStringField(LeadReceived.getClassSchema(), "neverRegistered");
        byte[] bytes = encode(asSchema(LEAD, unregistered));
        String fingerprint = KafkaSchemaRegistry.hex(KafkaSchemaRegistry.fingerprint(unregistered));

        try (var deserializer = new AvroDeserializer<LeadReceived>()) {
            deserializer.configure(configs, false);

            assertThatThrownBy(() -> deserializer.deserialize(Topics.LEAD_RECEIVED, bytes))
                    .isInstanceOf(UnknownSchemaException.class)
                    .hasMessage("Record on intake.lead-received was written with schema fingerprint " + fingerprint
                            + ", which is neither known here nor registered on schemas.registered");
        }
    }

    @Test
    void rejectsBytesThatAreNotSingleObjectEncoded() {
        try (var deserializer = new AvroDeserializer<LeadReceived>()) {
            deserializer.configure(configs, false);

            assertThatThrownBy(() -> deserializer.deserialize(Topics.LEAD_RECEIVED, "{\"lead\":1}".getBytes()))
                    .hasMessageStartingWith("Record on intake.lead-received is not Avro single-object encoded");
        }
    }

    /** The schema with one more string field (default "none"), as a newer release would add it. */
    private static Schema withStringField(Schema schema, String name) {
        List<Schema.Field> fields = new ArrayList<>();
        schema.getFields().forEach(field -> fields.add(new Schema.Field(field, field.schema())));
        fields.add(new Schema.Field(name, Schema.create(Schema.Type.STRING), null, "none"));
        return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
    }

    /** The record read as the given (compatible) schema, with new fields at their defaults. */
    private static GenericRecord asSchema(LeadReceived lead, Schema schema) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        Encoder encoder = EncoderFactory.get().binaryEncoder(body, null);
        new SpecificDatumWriter<>(LeadReceived.class).write(lead, encoder);
        encoder.flush();
        return new GenericDatumReader<GenericRecord>(LeadReceived.getClassSchema(), schema)
                .read(null, DecoderFactory.get().binaryDecoder(body.toByteArray(), null));
    }

    private static byte[] encode(GenericRecord record) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new BinaryMessageEncoder<GenericRecord>(GenericData.get(), record.getSchema()).encode(record, bytes);
        return bytes.toByteArray();
    }

    /** What another process's registry does before it writes with this schema. */
    private static void publishOnRegistryTopic(Schema schema) {
        try (var producer = new KafkaProducer<>(configs, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.SCHEMAS_REGISTERED,
                    KafkaSchemaRegistry.hex(KafkaSchemaRegistry.fingerprint(schema)), schema.toString()));
        }
    }
}
