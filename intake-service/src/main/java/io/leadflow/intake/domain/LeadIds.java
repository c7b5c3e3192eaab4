package io.leadflow.intake.domain;

import java.time.Clock;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * Lead ids as LeadConduit makes them: 24 lowercase hex digits, the epoch second they were assigned (8 digits) then
 * 64 random bits (16 digits), so ids sort by time and two instances never need to agree on a counter.
 */
public final class LeadIds {

    private static final HexFormat HEX = HexFormat.of();

    private final Clock clock;
    private final RandomGenerator random;

    public LeadIds(Clock clock, RandomGenerator random) {
        this.clock = clock;
        this.random = random;
    }

    public String next() {
        int epochSecond = (int) (clock.millis() / 1000);
        return HEX.toHexDigits(epochSecond) + HEX.toHexDigits(random.nextLong());
    }
}
