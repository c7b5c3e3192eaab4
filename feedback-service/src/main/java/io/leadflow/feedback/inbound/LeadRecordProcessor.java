package io.leadflow.feedback.inbound;

import io.leadflow.feedback.domain.FeedbackDecision;
import io.leadflow.feedback.domain.FeedbackMatcher;
import io.leadflow.feedback.domain.LeadEvent;
import io.leadflow.feedback.domain.LeadRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The one keyed processor of every lead event. Kafka Streams hands it one lead's events one at a time on one thread,
 * and under exactly-once the store update and the forwarded decision commit together with the input offset.
 */
final class LeadRecordProcessor implements Processor<String, LeadEvent, String, FeedbackDecision> {

    private final FeedbackMatcher matcher;
    private ProcessorContext<String, FeedbackDecision> context;
    private KeyValueStore<String, LeadRecord> records;

    LeadRecordProcessor(FeedbackMatcher matcher) {
        this.matcher = matcher;
    }

    @Override
    public void init(ProcessorContext<String, FeedbackDecision> context) {
        this.context = context;
        this.records = context.getStateStore(LeadStreamTopology.LEAD_RECORDS);
    }

    @Override
    public void process(Record<String, LeadEvent> event) {
        LeadRecord current = records.get(event.key());
        FeedbackMatcher.Handled handled = matcher.handle(current, event.value());
        if (handled.record() != null && !handled.record().equals(current)) {
            records.put(event.key(), handled.record());
        }
        handled.decision().ifPresent(decision -> context.forward(event.withValue(decision)));
    }
}
