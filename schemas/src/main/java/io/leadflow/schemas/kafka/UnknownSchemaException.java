package io.leadflow.schemas.kafka;

import io.leadflow.schemas.Topics;
import org.apache.kafka.common.errors.SerializationException;

/** A record was written with a schema that is neither known to this process nor registered on the registry topic. */
public class UnknownSchemaException extends SerializationException {

    public UnknownSchemaException(String topic, long fingerprint) {
        super("Record on " + topic + " was written with schema fingerprint " + KafkaSchemaRegistry.hex(fingerprint)
                + ", which is neither known here nor registered on " + Topics.SCHEMAS_REGISTERED);
    }
}
