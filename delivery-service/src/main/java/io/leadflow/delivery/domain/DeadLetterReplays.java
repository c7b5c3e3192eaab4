package io.leadflow.delivery.domain;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Lists dead letters and replays them: a replay schedules the dead letter's work again, due at once, with a fresh
 * retry schedule, and marks it replayed in the same transaction. A dead letter already replayed is skipped, and the
 * replayed work itself is skipped when its lead's progress shows it done, so replaying twice delivers once.
 */
public final class DeadLetterReplays {

    /** What a replay found: the dead letters that matched, and of them those replayed now, before, or never. */
    public record Outcome(int matched, List<String> replayed, int alreadyReplayed, List<String> notReplayable,
                          boolean dryRun) {
    }

    private final DeadLetterStore store;
    private final Clock clock;

    public DeadLetterReplays(DeadLetterStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public List<DeadLetterStore.Parked> list(DeadLetterFilter filter, boolean includeReplayed) {
        return store.all().stream()
                .filter(parked -> filter.matches(parked.deadLetter()))
                .filter(parked -> includeReplayed || !parked.replayed())
                .toList();
    }

    public Outcome replay(DeadLetterFilter filter, boolean dryRun) {
        List<DeadLetterStore.Parked> matched = store.all().stream()
                .filter(parked -> filter.matches(parked.deadLetter())).toList();
        Instant now = clock.instant();
        List<DeadLetter> toReplay = new ArrayList<>();
        List<ScheduledRetry> replays = new ArrayList<>();
        List<String> notReplayable = new ArrayList<>();
        int alreadyReplayed = 0;
        for (DeadLetterStore.Parked parked : matched) {
            DeadLetter deadLetter = parked.deadLetter();
            if (parked.replayed()) {
                alreadyReplayed++;
                continue;
            }
            Optional<ScheduledRetry> work = deadLetter.replay() != null ? Optional.of(deadLetter.replay())
                    : store.decode(deadLetter);
            if (work.isEmpty()) {
                notReplayable.add(deadLetter.id());
                continue;
            }
            toReplay.add(deadLetter);
            replays.add(work.get().replayed(deadLetter.id(), now));
        }
        if (!dryRun && !toReplay.isEmpty()) {
            store.replay(toReplay, replays).join();
        }
        return new Outcome(matched.size(), toReplay.stream().map(DeadLetter::id).toList(), alreadyReplayed,
                notReplayable, dryRun);
    }
}
