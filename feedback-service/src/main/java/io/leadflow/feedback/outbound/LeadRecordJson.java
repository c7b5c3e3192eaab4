package io.leadflow.feedback.outbound;

import io.leadflow.feedback.domain.LeadRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A lead record as JSON: the state store's value format and the timeline's answer are the same document (enums in
 * lower case, instants as ISO-8601). Unknown properties are ignored, so an older instance can read a newer record.
 */
public final class LeadRecordJson {

    private final JsonMapper mapper = JsonMapper.builder()
            .enable(EnumFeature.WRITE_ENUMS_TO_LOWERCASE)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public byte[] write(LeadRecord record) {
        return mapper.writeValueAsBytes(record);
    }

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

    /** The state store's serde; null stays null (a deleted record). */
    public Serde<LeadRecord> serde() {
        return Serdes.serdeFrom((topic, record) -> record == null ? null : write(record),
                (topic, json) -> json == null ? null : read(json));
    }
}
