package io.leadflow.flow.run;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.leadflow.flow.StepDefinition;
import io.leadflow.flow.auth.Credential;
import io.leadflow.flow.rules.LeadView;
import io.leadflow.integration.Outcome;
import io.leadflow.integration.TypedValue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Enhancement answers kept in memory for a step's {@code cache_ttl}, keyed by a SHA-256 hash of module id, credential
 * name and the module's rendered variables (never the values themselves). Only success and failure are kept; an entry
 * serves a step only while younger than that step's own TTL. Bounded; each lookup is told to the observer.
 */
public final class StepCache {

    /** How many answers one instance keeps at most; Caffeine evicts by recency and frequency beyond it. */
    public static final long DEFAULT_MAXIMUM_ENTRIES = 10_000;

    private final Clock clock;
    private final StepObserver observer;
    private final Cache<String, Entry> entries;

    public StepCache(Clock clock, long maximumEntries, StepObserver observer) {
        this.clock = clock;
        this.observer = observer;
        this.entries = Caffeine.newBuilder()
                .maximumSize(maximumEntries)
                .expireAfter(Expiry.creating((String key, Entry entry) -> entry.ttl()))
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .executor(Runnable::run)
                .build();
    }

    /** The key of a step's call: a hash of module id, credential name and the variables (path to value) it reads. */
    static String key(String moduleId, Credential credential, Map<String, Object> variables) {
        StringBuilder text = new StringBuilder(moduleId).append('\n')
                .append(credential == null ? "" : credential.name()).append('\n');
        new TreeMap<>(variables).forEach((path, value) -> text.append(path).append('=')
                .append(value instanceof TypedValue typed ? typed.outboundValue() : value).append('\n'));
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The answer kept for this key that is younger than the step's TTL; counts a hit or a miss. */
    Optional<StepRunner.Answer> find(String key, StepDefinition step, LeadView view) {
        Entry entry = entries.getIfPresent(key);
        boolean hit = entry != null && entry.storedAt().plus(step.cacheTtl()).isAfter(clock.instant());
        observer.cacheLookedUp(view.flow(), step, hit);
        return hit ? Optional.of(entry.answer()) : Optional.empty();
    }

    /** Keeps a success or failure for the step's TTL; an error (or skip) is never kept. */
    void keep(String key, StepDefinition step, StepRunner.Answer answer) {
        if (answer.outcome() == Outcome.SUCCESS || answer.outcome() == Outcome.FAILURE) {
            entries.put(key, new Entry(answer, clock.instant(), step.cacheTtl()));
        }
    }

    private record Entry(StepRunner.Answer answer, Instant storedAt, Duration ttl) {
    }
}
