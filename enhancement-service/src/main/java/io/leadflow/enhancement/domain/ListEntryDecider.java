package io.leadflow.enhancement.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * What one operation does to one value's entry, decided against the entry as it is: the whole of a list's logic,
 * run by the keyed processor one operation at a time per value, so a check-and-add cannot race another.
 */
public final class ListEntryDecider {

    /** What the operation is. */
    public enum Action { QUERY, ADD, REMOVE, ADD_IF_ABSENT, UNKNOWN }

    /** An entry as stored: when it was added, when it expires (null: never), the list generation it belongs to. */
    public record Entry(String generation, Instant addedAt, Instant expiresAt) {

        boolean liveAt(Instant at, String currentGeneration) {
            return generation.equals(currentGeneration) && (expiresAt == null || expiresAt.isAfter(at));
        }
    }

    /**
     * The decision: whether the value was found (live) before, whether it was added, when the entry found was
     * added, and the entry to store afterwards ({@code store} false: leave as is; {@code next} null: remove).
     */
    public record Decision(boolean found, boolean added, Instant foundAddedAt, boolean store, Entry next) {
    }

    private ListEntryDecider() {
    }

    /** Decides {@code action} at {@code at} for {@code current} (null: none) on a list of {@code generation}. */
    public static Decision decide(Action action, Entry current, Instant at, Duration ttl, String generation) {
        boolean found = current != null && current.liveAt(at, generation);
        Instant foundAddedAt = found ? current.addedAt() : null;
        Entry fresh = new Entry(generation, at, ttl == null || ttl.isZero() ? null : at.plus(ttl));
        return switch (action) {
            case QUERY, UNKNOWN -> new Decision(found, false, foundAddedAt, false, null);
            case ADD -> new Decision(found, true, foundAddedAt, true, fresh);
            case ADD_IF_ABSENT -> found ? new Decision(true, false, foundAddedAt, false, null)
                    : new Decision(false, true, null, true, fresh);
            case REMOVE -> new Decision(found, false, foundAddedAt, current != null, null);
        };
    }

    /**
     * An instance may learn of a new list (or generation) a little after its first entries arrive: entries of a list
     * it does not know are swept only once they are older than this.
     */
    public static final Duration UNKNOWN_LIST_GRACE = Duration.ofMinutes(5);

    /**
     * Whether the entry should be swept at {@code at}: expired, or of a list (generation) that no longer exists and
     * added more than {@link #UNKNOWN_LIST_GRACE} ago.
     */
    public static boolean sweep(Entry entry, Instant at, String currentGeneration) {
        if (entry.expiresAt() != null && !entry.expiresAt().isAfter(at)) {
            return true;
        }
        boolean otherList = currentGeneration == null || !currentGeneration.equals(entry.generation());
        return otherList && entry.addedAt().isBefore(at.minus(UNKNOWN_LIST_GRACE));
    }
}
