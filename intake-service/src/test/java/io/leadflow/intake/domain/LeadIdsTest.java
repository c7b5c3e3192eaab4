package io.leadflow.intake.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LeadIdsTest {

    @Test
    void startsWithTheEpochSecondThenSixteenRandomHexDigits() {
        Clock clock = Clock.fixed(Instant.ofEpochSecond(0x5f5e1000L, 999_000_000), ZoneOffset.UTC);
        LeadIds ids = new LeadIds(clock, new Random(0));

        assertThat(ids.next()).isEqualTo("5f5e1000" + String.format("%016x", new Random(0).nextLong()));
    }

    @Test
    void areTwentyFourLowercaseHexDigitsThatSortByTime() {
        LeadIds earlier = new LeadIds(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC),
                new SecureRandom());
        LeadIds later = new LeadIds(Clock.fixed(Instant.parse("2026-01-01T00:00:01Z"), ZoneOffset.UTC),
                new SecureRandom());

        String first = earlier.next();
        String second = later.next();

        assertThat(first).matches("[0-9a-f]{24}");
        assertThat(second).matches("[0-9a-f]{24}");
        assertThat(first.compareTo(second)).isNegative();
    }

    @Test
    void differWithinTheSameSecond() {
        LeadIds ids = new LeadIds(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC),
                new SecureRandom());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            seen.add(ids.next());
        }
        assertThat(seen).hasSize(10_000);
    }
}
