package io.leadflow.schemas.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.schemas.common.StepResult;
import io.leadflow.schemas.delivery.LeadCompleted;
import io.leadflow.schemas.delivery.RetryScheduled;
import io.leadflow.schemas.enhancement.LeadEnhanced;
import io.leadflow.schemas.intake.LeadReceived;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LeadDatumWriterTest {

    @BeforeAll
    static void trustTheGeneratedClasses() {
        // The serdes trust io.leadflow.schemas' classes once the deserializer is loaded, as in every service.
        new AvroDeserializer<>().close();
    }

    @Test
    void writesTheLeadFieldsAndDynamicValuesOfEveryEventThatHasThemByHand() {
        for (Schema schema : List.of(LeadReceived.getClassSchema(), LeadEnhanced.getClassSchema(),
                RetryScheduled.getClassSchema())) {
            LeadDatumWriter<Object> writer = new LeadDatumWriter<>(schema);
            assertThat(writer.writesFieldValuesByHand()).as(schema.getName()).isTrue();
            assertThat(writer.writesDynamicValuesByHand()).as(schema.getName()).isTrue();
        }
        LeadDatumWriter<Object> steps = new LeadDatumWriter<>(StepResult.getClassSchema());
        assertThat(steps.writesFieldValuesByHand()).isFalse();
        assertThat(steps.writesDynamicValuesByHand()).isTrue();
        LeadDatumWriter<Object> completions = new LeadDatumWriter<>(LeadCompleted.getClassSchema());
        assertThat(completions.writesFieldValuesByHand()).isFalse();
    }

    @Test
    void leavesADifferentDynamicValueToAvro() {
        String json = LeadReceived.getClassSchema().toString()
                .replace("\"values\":\"DynamicValue\",\"avro.java.string\":\"String\"}]",
                        "\"values\":\"DynamicValue\",\"avro.java.string\":\"String\"},\"int\"]");
        Schema changed = new Schema.Parser().parse(json);

        assertThat(changed).isNotEqualTo(LeadReceived.getClassSchema());
        LeadDatumWriter<Object> writer = new LeadDatumWriter<>(changed);
        assertThat(writer.writesDynamicValuesByHand()).isFalse();
        assertThat(writer.writesFieldValuesByHand()).isFalse();
    }
}
