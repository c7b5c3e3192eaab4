package io.leadflow.delivery.domain;

import java.util.concurrent.CompletableFuture;

/**
 * Records what work on a lead produced, all of it or nothing (one Kafka transaction), and only while this process
 * still owns the entry's partition. The future completes once recorded, when the progress is also visible to
 * {@link ProgressView}; it fails when the entry was not recorded (the lead is then delivered again elsewhere).
 */
public interface Journal {

    CompletableFuture<Void> record(JournalEntry entry);
}
