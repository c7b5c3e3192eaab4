package io.leadflow.enhancement.inbound;

import io.leadflow.enhancement.domain.ListEntryDecider;
import io.leadflow.enhancement.domain.ListEntryDecider.Action;
import io.leadflow.enhancement.domain.ListEntryDecider.Decision;
import io.leadflow.enhancement.domain.ListEntryDecider.Entry;
import io.leadflow.schemas.lists.ListCommand;
import io.leadflow.schemas.lists.ListDecision;
import io.leadflow.schemas.lists.ListDefinition;
import io.leadflow.schemas.lists.ListEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Decides each list command against the value's entry ({@link ListEntryDecider}), updates the entry and answers the
 * commands a caller waits for. Kafka Streams runs one record of a partition at a time, and every command on a value
 * has the same key, so two check-and-adds of one value are decided one after the other. On a wall-clock schedule it
 * removes expired entries and those of deleted (or re-created) lists.
 */
final class ListCommandProcessor implements Processor<String, ListCommand, String, ListDecision> {

    private final Duration sweepInterval;
    private final Clock clock;
    private ProcessorContext<String, ListDecision> context;
    private KeyValueStore<String, ListEntry> entries;
    private KeyValueStore<String, ?> definitions;

    ListCommandProcessor(Duration sweepInterval, Clock clock) {
        this.sweepInterval = sweepInterval;
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, ListDecision> context) {
        this.context = context;
        this.entries = context.getStateStore(ListsTopology.ENTRIES);
        this.definitions = context.getStateStore(ListsTopology.DEFINITIONS);
        context.schedule(sweepInterval, PunctuationType.WALL_CLOCK_TIME, wallClock -> sweep(clock.instant()));
    }

    @Override
    public void process(Record<String, ListCommand> record) {
        ListCommand command = record.value();
        ListEntry stored = entries.get(record.key());
        Action action = Action.valueOf(command.getAction().name());
        Duration ttl = command.getTtlSeconds() > 0 ? Duration.ofSeconds(command.getTtlSeconds()) : null;
        Decision decision = ListEntryDecider.decide(action, entry(stored), command.getRequestedAt(), ttl,
                command.getGeneration());
        if (decision.store()) {
            if (decision.next() == null) {
                entries.delete(record.key());
            } else {
                entries.put(record.key(), ListEntry.newBuilder()
                        .setList(command.getList())
                        .setGeneration(decision.next().generation())
                        .setAddedAt(decision.next().addedAt())
                        .setExpiresAt(decision.next().expiresAt())
                        .build());
            }
        }
        if (command.getAnswer()) {
            context.forward(record.withValue(ListDecision.newBuilder()
                    .setCommandId(command.getCommandId())
                    .setList(command.getList())
                    .setFound(decision.found())
                    .setAdded(decision.added())
                    .setAddedAt(decision.foundAddedAt())
                    .build()));
        }
    }

    private void sweep(Instant at) {
        List<String> stale = new ArrayList<>();
        try (KeyValueIterator<String, ListEntry> all = entries.all()) {
            while (all.hasNext()) {
                KeyValue<String, ListEntry> next = all.next();
                if (ListEntryDecider.sweep(entry(next.value), at, generation(next.value.getList()))) {
                    stale.add(next.key);
                }
            }
        }
        stale.forEach(entries::delete);
    }

    private String generation(String list) {
        Object stored = definitions.get(list);
        if (stored instanceof ValueAndTimestamp<?> timestamped) {
            stored = timestamped.value();
        }
        return stored instanceof ListDefinition definition ? definition.getGeneration() : null;
    }

    private static Entry entry(ListEntry stored) {
        return stored == null ? null : new Entry(stored.getGeneration(), stored.getAddedAt(), stored.getExpiresAt());
    }
}
