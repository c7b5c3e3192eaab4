package io.leadflow.schemas;

import io.leadflow.schemas.delivery.DeadLetterReplayed;
import io.leadflow.schemas.delivery.DeadLettered;
import io.leadflow.schemas.delivery.DeliveryAttempted;
import io.leadflow.schemas.delivery.LeadCompleted;
import io.leadflow.schemas.delivery.LeadProgress;
import io.leadflow.schemas.delivery.RetryScheduled;
import io.leadflow.schemas.enhancement.LeadEnhanced;
import io.leadflow.schemas.feedback.FeedbackMatched;
import io.leadflow.schemas.feedback.FeedbackReceived;
import io.leadflow.schemas.feedback.FeedbackRejected;
import io.leadflow.schemas.intake.LeadReceived;
import java.util.List;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/**
 * The catalog of Kafka topics: the only interface between the services. Every topic name is spelled here and
 * nowhere else; each event topic has exactly one writing service and one Avro value type, and is keyed by lead id.
 */
public final class Topics {

    public static final String LEAD_RECEIVED = "intake.lead-received";
    public static final String LEAD_ENHANCED = "enhancement.lead-enhanced";
    public static final String DELIVERY_ATTEMPTED = "delivery.delivery-attempted";
    public static final String LEAD_COMPLETED = "delivery.lead-completed";
    public static final String FEEDBACK_RECEIVED = "feedback.feedback-received";
    public static final String FEEDBACK_MATCHED = "feedback.feedback-matched";
    public static final String FEEDBACK_REJECTED = "feedback.feedback-rejected";

    /** Compacted: schema fingerprint (16 hex digits) to the schema's JSON. Kafka as the schema registry. */
    public static final String SCHEMAS_REGISTERED = "schemas.registered";

    /** Records a service could not process, with the reason in headers; same key and bytes as the source record. */
    public static final String ENHANCEMENT_DEAD_LETTER = "enhancement.dead-letter";
    public static final String FEEDBACK_DEAD_LETTER = "feedback.dead-letter";

    /**
     * Intake's record of the Idempotency-Keys sources sent (keyed by a digest of flow, source and key, not by lead id),
     * kept 25 h; only intake writes and reads it, and creates it with that retention.
     */
    public static final String IDEMPOTENCY_KEYS = "intake.idempotency-keys";
    /**
     * Delivery's dead letters as {@code DeadLettered} records: exhausted deliveries and records it could not process,
     * with reason, flow, step and attempts, and what a replay schedules.
     */
    public static final String DELIVERY_DEAD_LETTER = "delivery.dead-letter";
    /** Dead letters replayed, written with the replay, so a second replay skips them. */
    public static final String DEAD_LETTER_REPLAYED = "delivery.dead-letter-replayed";
    /** Compacted: how far delivery got with each lead, written in the same transaction as its events. */
    public static final String LEAD_PROGRESS = "delivery.lead-progress";
    /** Retries of recipient steps (and dead-letter replays), each with the time it is due. */
    public static final String RETRY_SCHEDULED = "delivery.retry-scheduled";

    /**
     * Suppression and duplicate lists (enhancement-service), keyed by list name or by {@code <list>/<value hash>},
     * not by lead id. Definitions: compacted, {@code ListDefinition} by list name. Commands: {@code ListCommand}, one
     * per value operation. Decisions: {@code ListDecision}, the answers to queries and check-and-adds.
     */
    public static final String LIST_DEFINITIONS = "lists.definitions";
    public static final String LIST_COMMANDS = "lists.commands";
    public static final String LIST_DECISIONS = "lists.decisions";

    /**
     * Compacted: every list entry ({@code ListEntry} by {@code <list>/<value hash>}). The changelog of the lists
     * processor's Kafka Streams store (application id {@code leadflow-lists}, store {@code entries}), which Kafka
     * Streams creates and restores the store from.
     */
    public static final String LIST_ENTRIES = "leadflow-lists-entries-changelog";

    /** Written only by the intake benchmark's bare baseline endpoint. */
    public static final String BENCH_BASELINE = "bench.baseline";

    /** An event topic: its name, the service that writes it and the Avro type of its values. */
    public record EventTopic(String name, String writer, Class<? extends SpecificRecord> valueType) {
    }

    public static final List<EventTopic> EVENT_TOPICS = List.of(
            new EventTopic(LEAD_RECEIVED, "intake", LeadReceived.class),
            new EventTopic(LEAD_ENHANCED, "enhancement", LeadEnhanced.class),
            new EventTopic(DELIVERY_ATTEMPTED, "delivery", DeliveryAttempted.class),
            new EventTopic(LEAD_COMPLETED, "delivery", LeadCompleted.class),
            new EventTopic(FEEDBACK_RECEIVED, "feedback", FeedbackReceived.class),
            new EventTopic(FEEDBACK_MATCHED, "feedback", FeedbackMatched.class),
            new EventTopic(FEEDBACK_REJECTED, "feedback", FeedbackRejected.class));

    public static final List<String> DEAD_LETTER_TOPICS =
            List.of(ENHANCEMENT_DEAD_LETTER, DELIVERY_DEAD_LETTER, FEEDBACK_DEAD_LETTER);

    /**
     * Topics delivery-service writes for itself (and ops): its dead letters and replays, its progress and its retry
     * schedule. Keyed by lead id (progress also by {@code <lead id>:<step id>}), each record in the partition of its
     * lead, so these topics must have as many partitions as {@link #LEAD_ENHANCED}.
     */
    public static final List<EventTopic> DELIVERY_STATE_TOPICS = List.of(
            new EventTopic(DELIVERY_DEAD_LETTER, "delivery", DeadLettered.class),
            new EventTopic(DEAD_LETTER_REPLAYED, "delivery", DeadLetterReplayed.class),
            new EventTopic(LEAD_PROGRESS, "delivery", LeadProgress.class),
            new EventTopic(RETRY_SCHEDULED, "delivery", RetryScheduled.class));

    private Topics() {
    }

    /** The event topic (or delivery state topic) of this name, if it is one. */
    public static Optional<EventTopic> eventTopic(String name) {
        return java.util.stream.Stream.concat(EVENT_TOPICS.stream(), DELIVERY_STATE_TOPICS.stream())
                .filter(topic -> topic.name().equals(name)).findFirst();
    }
}
