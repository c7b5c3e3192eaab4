package io.leadflow.intake.domain;

import io.leadflow.flow.Lead;
import io.leadflow.flow.LeadStop;
import java.util.concurrent.CompletableFuture;

/**
 * Makes a received lead durable. The future completes when the broker acknowledged the lead, and completes
 * exceptionally when it did not within a bounded time: then the lead may or may not be stored, and the source is
 * told to retry.
 */
public interface LeadPublisher {

    /** Publishes the lead; {@code rejection} is set when the acceptance criteria refused it, else null. */
    CompletableFuture<Void> publish(Lead lead, LeadStop rejection);
}
