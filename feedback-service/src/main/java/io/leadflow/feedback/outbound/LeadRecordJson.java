package io.leadflow.feedback.outbound;

import io.leadflow.feedback.domain.LeadRecord;
import org.apache.kafka.common.errors.SerializationException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A lead record as JSON (enums in lower case, instants as ISO-8601): the timeline's answer, and the state store's
 * value format before {@link LeadRecordBinary}, still read from stores an earlier version wrote. Unknown properties
 * are ignored.
 */
public final class LeadRecordJson {

    private final JsonMapper mapper = JsonMapper.builder()
            .enable(EnumFeature.WRITE_ENUMS_TO_LOWERCASE)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public String writeAsString(LeadRecord record) {
        return mapper.writeValueAsString(record);
    }

    public LeadRecord read(byte[] json) {
        try {
            return mapper.readValue(json, LeadRecord.class);
        } catch (JacksonException e) {
            throw new SerializationException("A stored lead record could not be read: " + e.getOriginalMessage(), e);
        }
    }
}
