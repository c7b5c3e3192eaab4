package io.leadflow.intake.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which claim holds each Idempotency-Key, built by applying the shared log of claims, answers and releases in log
 * order. Every instance applies the same log, so every instance agrees: the first claim of a key holds it for 24 h
 * (by the claims' own times), until it is released. Applied from one thread; read from any.
 */
public final class IdempotencyLedger {

    /** How long a claim holds its key. */
    public static final Duration WINDOW = Duration.ofHours(24);

    private final Map<String, IdempotencyClaim> holders = new ConcurrentHashMap<>();

    /** A claim from the log: it holds the key unless a claim within the last 24 h before it does. */
    public void claimed(String key, String leadId, Instant claimedAt) {
        IdempotencyClaim holder = holders.get(key);
        if (holder == null || !claimedAt.isBefore(holder.claimedAt().plus(WINDOW))) {
            holders.put(key, new IdempotencyClaim(leadId, claimedAt));
            if (holder != null) {
                holder.answer().complete(Optional.empty());
            }
        }
    }

    /** The holding claim's answer; an answer for a claim that does not hold the key is ignored. */
    public void answered(String key, String leadId, IntakeAnswer.Answered answer) {
        IdempotencyClaim holder = holders.get(key);
        if (holder != null && holder.leadId().equals(leadId)) {
            holder.answer().complete(Optional.of(answer));
        }
    }

    /** The holding claim is released: the key is free again. */
    public void released(String key, String leadId) {
        IdempotencyClaim holder = holders.get(key);
        if (holder != null && holder.leadId().equals(leadId)) {
            holders.remove(key, holder);
            holder.answer().complete(Optional.empty());
        }
    }

    /** The claim holding the key at {@code now}, if one does. */
    public Optional<IdempotencyClaim> holder(String key, Instant now) {
        IdempotencyClaim holder = holders.get(key);
        return holder == null || !now.isBefore(holder.claimedAt().plus(WINDOW)) ? Optional.empty()
                : Optional.of(holder);
    }

    /** Forgets claims whose window ended before {@code now}, so memory holds one day of keys. */
    public void forgetBefore(Instant now) {
        holders.values().removeIf(holder -> {
            boolean expired = !now.isBefore(holder.claimedAt().plus(WINDOW));
            if (expired) {
                holder.answer().complete(Optional.empty());
            }
            return expired;
        });
    }

    /** How many keys are held. */
    public int size() {
        return holders.size();
    }
}
