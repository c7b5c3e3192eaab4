package io.leadflow.flow;

/**
 * A recipient's contract: at most {@code maxConcurrency} requests open at once and {@code maxRatePerSecond} started
 * per second; 0 means no limit.
 */
public record RecipientLimits(int maxConcurrency, int maxRatePerSecond) {

    public static final RecipientLimits NONE = new RecipientLimits(0, 0);

    public boolean limitsConcurrency() {
        return maxConcurrency > 0;
    }

    public boolean limitsRate() {
        return maxRatePerSecond > 0;
    }
}
