package io.leadflow.feedback.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.feedback.domain.LeadEvent;
import io.leadflow.feedback.domain.LeadRecord;
import io.leadflow.integration.types.FieldTypes;
import io.leadflow.schemas.DynamicValues;
import io.leadflow.schemas.common.EventMetadata;
import io.leadflow.schemas.common.FieldValue;
import io.leadflow.schemas.intake.LeadReceived;
import io.leadflow.servicekit.Contracts;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeadEventMappingTest {

    private static final Instant SUBMITTED = Instant.parse("2025-03-01T10:00:00Z");

    @Test
    void theTimelineKeepsSensitiveFieldsMaskedAndNeverTheirSealedOriginal() {
        FieldValue sealedSsn = new FieldValue("ssn", "***********", DynamicValues.toAvro("*********"),
                true, DynamicValues.toAvroMap(Map.of("last_four", "****", "masked", true)),
                "v1:leadflow-field-key:c2VhbGVk");
        Map<String, FieldValue> fields = new LinkedHashMap<>();
        fields.put("dob", Contracts.toAvro(FieldTypes.parse("dob", "1990-06-02")));
        fields.put("ssn", sealedSsn);
        fields.put("first_name", Contracts.toAvro(FieldTypes.parse("first_name", "Ada")));

        LeadEvent event = LeadEventMapping.received(new LeadReceived(new EventMetadata("e-1", SUBMITTED, "lead-1", null),
                "lead-1", "loans", "rev-1", "web", SUBMITTED, fields, null));

        Map<String, LeadRecord.Field> shown = ((LeadEvent.Received) event).lead().fields();
        LeadRecord.Field dob = shown.get("dob");
        assertThat(dob.raw()).isEqualTo("**/**/1990");
        assertThat(dob.normal()).isEqualTo("**/**/1990");
        assertThat(dob.components()).containsEntry("masked", true).containsEntry("year", 1990L);
        assertThat(shown.get("ssn")).isEqualTo(new LeadRecord.Field("ssn", "***********", "*********", true,
                Map.of("last_four", "****", "masked", true)));
        assertThat(shown.get("first_name")).isEqualTo(new LeadRecord.Field("first_name", "Ada", "Ada", true, Map.of()));
    }
}
