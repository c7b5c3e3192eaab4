package io.leadflow.enhancement.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.enhancement.domain.ListEntryDecider.Action;
import io.leadflow.enhancement.domain.ListEntryDecider.Decision;
import io.leadflow.enhancement.domain.ListEntryDecider.Entry;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ListEntryDeciderTest {

    private static final Instant ADDED = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant NOW = ADDED.plus(Duration.ofDays(10));
    private static final Duration MONTH = Duration.ofDays(30);
    private static final Entry LIVE = new Entry("g1", ADDED, ADDED.plus(MONTH));
    private static final Entry FOREVER = new Entry("g1", ADDED, null);
    private static final Entry EXPIRED = new Entry("g1", ADDED, NOW);
    private static final Entry OLD_GENERATION = new Entry("g0", ADDED, null);
    private static final Entry ADDED_NOW = new Entry("g1", NOW, NOW.plus(MONTH));

    static Stream<Arguments> decisions() {
        return Stream.of(
                Arguments.of(Action.QUERY, null, new Decision(false, false, null, false, null)),
                Arguments.of(Action.QUERY, LIVE, new Decision(true, false, ADDED, false, null)),
                Arguments.of(Action.QUERY, FOREVER, new Decision(true, false, ADDED, false, null)),
                Arguments.of(Action.QUERY, EXPIRED, new Decision(false, false, null, false, null)),
                Arguments.of(Action.QUERY, OLD_GENERATION, new Decision(false, false, null, false, null)),
                Arguments.of(Action.ADD_IF_ABSENT, null, new Decision(false, true, null, true, ADDED_NOW)),
                Arguments.of(Action.ADD_IF_ABSENT, LIVE, new Decision(true, false, ADDED, false, null)),
                Arguments.of(Action.ADD_IF_ABSENT, EXPIRED, new Decision(false, true, null, true, ADDED_NOW)),
                Arguments.of(Action.ADD_IF_ABSENT, OLD_GENERATION, new Decision(false, true, null, true, ADDED_NOW)),
                Arguments.of(Action.ADD, null, new Decision(false, true, null, true, ADDED_NOW)),
                Arguments.of(Action.ADD, LIVE, new Decision(true, true, ADDED, true, ADDED_NOW)),
                Arguments.of(Action.REMOVE, LIVE, new Decision(true, false, ADDED, true, null)),
                Arguments.of(Action.REMOVE, EXPIRED, new Decision(false, false, null, true, null)),
                Arguments.of(Action.REMOVE, null, new Decision(false, false, null, false, null)),
                Arguments.of(Action.UNKNOWN, LIVE, new Decision(true, false, ADDED, false, null)));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("decisions")
    void decidesEachActionAgainstTheEntryAsItIs(Action action, Entry current, Decision expected) {
        assertThat(ListEntryDecider.decide(action, current, NOW, MONTH, "g1")).isEqualTo(expected);
    }

    @Test
    void entriesWithoutTimeToLiveNeverExpire() {
        assertThat(ListEntryDecider.decide(Action.ADD, null, NOW, null, "g1").next())
                .isEqualTo(new Entry("g1", NOW, null));
    }

    @Test
    void sweepsExpiredEntriesAndThoseOfGoneListsAfterAGrace() {
        assertThat(ListEntryDecider.sweep(LIVE, NOW, "g1")).isFalse();
        assertThat(ListEntryDecider.sweep(EXPIRED, NOW, "g1")).isTrue();
        assertThat(ListEntryDecider.sweep(FOREVER, NOW, null)).isTrue();
        assertThat(ListEntryDecider.sweep(OLD_GENERATION, NOW, "g1")).isTrue();
        Entry fresh = new Entry("g2", NOW.minusSeconds(60), null);
        assertThat(ListEntryDecider.sweep(fresh, NOW, null)).isFalse();
        assertThat(ListEntryDecider.sweep(fresh, NOW, "g1")).isFalse();
        assertThat(ListEntryDecider.sweep(fresh, NOW.plus(ListEntryDecider.UNKNOWN_LIST_GRACE), null)).isTrue();
    }
}
