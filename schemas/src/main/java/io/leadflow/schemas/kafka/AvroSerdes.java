package io.leadflow.schemas.kafka;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** Kafka Streams serdes for the Avro contracts. */
public final class AvroSerdes {

    private AvroSerdes() {
    }

    /** A serde reading and writing this generated type on any topic; configure it before use. */
    public static <T extends SpecificRecord> Serde<T> of(Class<T> type) {
        return Serdes.serdeFrom(new AvroSerializer<>(), new AvroDeserializer<>(type));
    }
}
