package io.leadflow.localstack;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** Waits until started processes report ready, failing as soon as one of them exits instead. */
public final class HealthWait {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

    /** A started process and the check that tells whether it is ready. */
    public record Pending(ChildProcess process, BooleanSupplier ready) {
    }

    private HealthWait() {
    }

    /**
     * Returns once every check passed, telling {@code onReady} about each process as it gets ready; throws when a
     * process exits first or {@code timeout} passes.
     */
    public static void awaitAll(List<Pending> pending, Duration timeout, Consumer<ChildProcess> onReady)
            throws StartupFailure, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        List<Pending> waiting = new ArrayList<>(pending);
        while (true) {
            for (Pending candidate : waiting) {
                if (!candidate.process().isAlive()) {
                    throw StartupFailure.exited(candidate.process());
                }
            }
            waiting.removeIf(candidate -> {
                boolean ready = candidate.ready().getAsBoolean();
                if (ready) {
                    onReady.accept(candidate.process());
                }
                return ready;
            });
            if (waiting.isEmpty()) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                List<ChildProcess> late = waiting.stream().map(Pending::process).toList();
                throw new StartupFailure(late.stream().map(ChildProcess::name).collect(Collectors.joining(", "))
                        + " not ready after " + timeout.toSeconds() + " s", late);
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
    }
}
