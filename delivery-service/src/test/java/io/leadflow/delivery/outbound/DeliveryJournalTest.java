package io.leadflow.delivery.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.schemas.Topics;
import io.leadflow.schemas.common.EventMetadata;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class DeliveryJournalTest {

    @Test
    void whatWaitsOnAWrittenEntryRunsOnAWorkerNotOnTheWriterThread() throws Exception {
        CountDownLatch dependentAttached = new CountDownLatch(1);
        MockProducer<String, SpecificRecord> producer = new MockProducer<>(true, null, new StringSerializer(),
                (topic, value) -> new byte[0]) {
            @Override
            public void beginTransaction() {
                try {
                    // The writer starts the transaction only once the test waits on the entry.
                    dependentAttached.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                super.beginTransaction();
            }
        };
        DeliveryJournal journal = new DeliveryJournal(() -> producer, origin -> true, null, null, Clock.systemUTC());
        try {
            CompletableFuture<String> continuedOn = journal.writeAtomically(List.of(new ProducerRecord<>(
                            Topics.DELIVERY_DEAD_LETTER, "lead-1", new EventMetadata("e1", Instant.EPOCH, "lead-1", null))))
                    .thenApply(written -> Thread.currentThread().getName());
            dependentAttached.countDown();

            assertThat(continuedOn.get(10, TimeUnit.SECONDS)).startsWith("delivery-worker-");
            assertThat(producer.transactionCommitted()).isTrue();
            assertThat(producer.history()).extracting(ProducerRecord::key).containsExactly("lead-1");
        } finally {
            journal.close();
        }
    }
}
