package io.leadflow.delivery.domain;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The dead letters as they are now, with which of them were replayed; and a replay: the replays of the given dead
 * letters scheduled, and each marked replayed, all at once or not at all.
 */
public interface DeadLetterStore {

    /** A dead letter and whether it was replayed already. */
    record Parked(DeadLetter deadLetter, boolean replayed) {
    }

    List<Parked> all();

    /** Schedules each replay (the dead letter's id to what to run) and marks its dead letter replayed. */
    CompletableFuture<Void> replay(List<DeadLetter> deadLetters, List<ScheduledRetry> replays);

    /** What a dead letter without a replay of its own (one that could not be decoded) would replay now, if anything. */
    Optional<ScheduledRetry> decode(DeadLetter deadLetter);
}
