package io.leadflow.delivery.domain;

/**
 * Where a piece of work came from: the record's topic, partition and offset, and the epoch of this process's
 * ownership of that partition (everything the work writes goes to the same partition, and only while it is owned).
 */
public record Origin(String topic, int partition, long offset, long epoch) {
}
