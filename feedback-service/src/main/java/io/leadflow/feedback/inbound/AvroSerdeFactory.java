package io.leadflow.feedback.inbound;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/** Gives the topology a configured serde per Avro contract, so tests can run it without a broker behind the serde. */
public interface AvroSerdeFactory {

    <T extends SpecificRecord> Serde<T> serde(Class<T> type);
}
