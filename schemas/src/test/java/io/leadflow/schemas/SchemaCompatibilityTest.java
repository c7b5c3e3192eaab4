package io.leadflow.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.schemas.intake.LeadReceived;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Every event schema must stay readable by, and able to read, its last released copy in
 * {@code src/test/resources/released/}: new fields need defaults, enums a default symbol. Refresh the copies when
 * releasing.
 */
class SchemaCompatibilityTest {

    static final List<Topics.EventTopic> EVENT_TOPICS = Topics.EVENT_TOPICS;

    @ParameterizedTest(name = "{0}")
    @FieldSource("EVENT_TOPICS")
    void currentSchemaIsBackwardAndForwardCompatibleWithLastRelease(Topics.EventTopic topic) throws Exception {
        Schema current = (Schema) topic.valueType().getField("SCHEMA$").get(null);
        Schema released = released(current.getName());

        assertCompatible("current reads released", current, released);
        assertCompatible("released reads current", released, current);
    }

    @Test
    void detectsAFieldAddedWithoutDefault() throws IOException {
        Schema released = released("LeadReceived");
        List<Schema.Field> fields = new ArrayList<>();
        LeadReceived.getClassSchema().getFields().forEach(field -> fields.add(new Schema.Field(field, field.schema())));
        fields.add(new Schema.Field("campaign", Schema.create(Schema.Type.STRING)));
        Schema changed = Schema.createRecord("LeadReceived", null, "io.leadflow.schemas.intake", false, fields);

        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(changed, released).getType())
                .isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
    }

    private static void assertCompatible(String direction, Schema reader, Schema writer) {
        var result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        assertThat(result.getType()).as(direction + ": " + result.getDescription())
                .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }

    private static Schema released(String name) throws IOException {
        try (InputStream in = SchemaCompatibilityTest.class.getResourceAsStream("/released/" + name + ".avsc")) {
            assertThat(in).as("released copy of " + name).isNotNull();
            return new Schema.Parser().parse(in);
        }
    }
}
