package io.leadflow.delivery.outbound;

import io.leadflow.delivery.domain.DeadLetter;
import io.leadflow.delivery.domain.DeadLetterStore;
import io.leadflow.delivery.domain.ScheduledRetry;
import io.leadflow.schemas.Topics;
import io.leadflow.schemas.delivery.DeadLetterReplayed;
import io.leadflow.schemas.delivery.DeadLettered;
import io.leadflow.schemas.delivery.RetryScheduled;
import io.leadflow.schemas.enhancement.LeadEnhanced;
import io.leadflow.servicekit.Contracts;
import io.leadflow.servicekit.EventIds;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * The dead letters on {@code delivery.dead-letter} and the replays on {@code delivery.dead-letter-replayed}, read
 * from the beginning to what is committed at each call; a replay goes out through the journal, the replayed work and
 * the marks in one transaction, each to its lead's partition.
 */
public final class DeadLetterArchive implements DeadLetterStore {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(200);

    private final Supplier<Consumer<String, SpecificRecord>> consumers;
    private final Deserializer<SpecificRecord> values;
    private final DeliveryJournal journal;
    private final Clock clock;

    /** @param consumers read_committed consumers without a group, whose values are decoded by topic */
    public DeadLetterArchive(Supplier<Consumer<String, SpecificRecord>> consumers, Deserializer<SpecificRecord> values,
                             DeliveryJournal journal, Clock clock) {
        this.consumers = consumers;
        this.values = values;
        this.journal = journal;
        this.clock = clock;
    }

    @Override
    public List<Parked> all() {
        Set<String> replayed = new HashSet<>();
        readAll(Topics.DEAD_LETTER_REPLAYED).forEach(record ->
                replayed.add(((DeadLetterReplayed) record.value()).getDeadLetterId()));
        List<Parked> parked = new ArrayList<>();
        for (ConsumerRecord<String, SpecificRecord> record : readAll(Topics.DELIVERY_DEAD_LETTER)) {
            DeadLetter deadLetter = DeliveryRecords.fromAvro((DeadLettered) record.value());
            parked.add(new Parked(deadLetter, replayed.contains(deadLetter.id())));
        }
        return parked;
    }

    @Override
    public CompletableFuture<Void> replay(List<DeadLetter> deadLetters, List<ScheduledRetry> replays) {
        List<ProducerRecord<String, SpecificRecord>> records = new ArrayList<>();
        for (int i = 0; i < deadLetters.size(); i++) {
            DeadLetter deadLetter = deadLetters.get(i);
            int partition = deadLetter.origin().partition();
            records.add(new ProducerRecord<>(Topics.RETRY_SCHEDULED, partition, deadLetter.leadId(),
                    DeliveryRecords.toAvro(replays.get(i))));
            records.add(new ProducerRecord<>(Topics.DEAD_LETTER_REPLAYED, partition, deadLetter.leadId(),
                    DeadLetterReplayed.newBuilder()
                            .setMetadata(Contracts.metadata(EventIds.derived("dead-letter-replayed", deadLetter.id()),
                                    deadLetter.leadId(), deadLetter.id(), clock.instant()))
                            .setLeadId(deadLetter.leadId())
                            .setDeadLetterId(deadLetter.id())
                            .build()));
        }
        return journal.writeAtomically(records);
    }

    @Override
    public Optional<ScheduledRetry> decode(DeadLetter deadLetter) {
        if (deadLetter.payload() == null) {
            return Optional.empty();
        }
        try {
            SpecificRecord value = values.deserialize(deadLetter.origin().topic(), deadLetter.payload());
            if (value instanceof RetryScheduled retry) {
                return Optional.of(DeliveryRecords.fromAvro(retry));
            }
            if (value instanceof LeadEnhanced enhanced) {
                String eventId = enhanced.getMetadata().getEventId();
                return Optional.of(new ScheduledRetry(EventIds.derived("retry-scheduled", eventId, "first-pass"),
                        eventId, clock.instant(), eventId, Contracts.lead(enhanced),
                        Contracts.steps(enhanced.getSteps()), Contracts.fromAvro(enhanced.getStop()), null, 1, 1,
                        clock.instant(), clock.instant(), null, null));
            }
            return Optional.empty();
        } catch (KafkaException e) {
            return Optional.empty();
        }
    }

    private List<ConsumerRecord<String, SpecificRecord>> readAll(String topic) {
        List<ConsumerRecord<String, SpecificRecord>> records = new ArrayList<>();
        try (Consumer<String, SpecificRecord> consumer = consumers.get()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, PATIENCE).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, PATIENCE);
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Reading " + topic + " took longer than " + PATIENCE.toSeconds()
                            + " s");
                }
                consumer.poll(POLL).forEach(record -> {
                    if (record.value() != null) {
                        records.add(record);
                    }
                });
            }
        }
        return records;
    }
}
