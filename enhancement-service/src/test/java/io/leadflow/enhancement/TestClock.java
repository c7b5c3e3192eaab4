package io.leadflow.enhancement;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that stands still at a given instant until a test moves it (list time-to-live); reset it afterwards. */
final class TestClock extends Clock {

    private final Instant start;
    private final AtomicReference<Instant> now;

    TestClock(Instant start) {
        this.start = start;
        this.now = new AtomicReference<>(start);
    }

    void advance(Duration duration) {
        now.updateAndGet(instant -> instant.plus(duration));
    }

    void reset() {
        now.set(start);
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
