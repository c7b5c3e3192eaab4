package io.leadflow.delivery.domain;

/**
 * A journal entry was not recorded: the broker did not take it (the work may be done again, recipients get the same
 * Idempotency-Key) or, {@code partitionLost}, this process no longer owns the lead's partition (another one will).
 */
public class NotRecordedException extends RuntimeException {

    private final boolean partitionLost;

    public NotRecordedException(String message, boolean partitionLost, Throwable cause) {
        super(message, cause);
        this.partitionLost = partitionLost;
    }

    public boolean partitionLost() {
        return partitionLost;
    }
}
