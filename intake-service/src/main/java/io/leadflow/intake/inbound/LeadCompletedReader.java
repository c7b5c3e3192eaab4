package io.leadflow.intake.inbound;

import io.leadflow.intake.domain.Completion;
import io.leadflow.intake.domain.CompletionWaits;
import io.leadflow.schemas.Topics;
import io.leadflow.schemas.delivery.LeadCompleted;
import io.leadflow.servicekit.Contracts;
import io.leadflow.servicekit.ReplyListener;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Reads every partition of {@code delivery.lead-completed}, from the end as of start-up, and hands each completion to
 * the sync answer waiting here. Every intake instance reads them all, since the instance that holds a source's request
 * is not the one Kafka would pick; only completions awaited here are decoded (the record key is the lead id), so
 * leads of async sources cost the reader nothing but the fetch.
 */
@Configuration(proxyBeanMethods = false)
public class LeadCompletedReader {

    @Bean
    ReplyListener<Completion> leadCompletedListener(KafkaProperties kafka, CompletionWaits completions) {
        return new ReplyListener<>(kafka, List.of(Topics.LEAD_COMPLETED), LeadCompleted.class,
                "intake-lead-completed-reader", LeadCompletedReader::completion,
                (leadId, completion) -> completions.complete(completion),
                leadId -> leadId != null && completions.isAwaited(leadId));
    }

    private static Map.Entry<String, Completion> completion(SpecificRecord record) {
        LeadCompleted completed = (LeadCompleted) record;
        return Map.entry(completed.getLeadId(), new Completion(completed.getLeadId(),
                Contracts.fromAvro(completed.getOutcome()), completed.getReason(), completed.getPrice(),
                Contracts.steps(completed.getSteps())));
    }
}
