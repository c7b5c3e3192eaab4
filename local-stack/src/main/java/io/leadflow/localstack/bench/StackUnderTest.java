package io.leadflow.localstack.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.leadflow.localstack.ChildProcess;
import io.leadflow.localstack.HealthWait;
import io.leadflow.localstack.LeadflowService;
import io.leadflow.localstack.LocalStack;
import io.leadflow.localstack.ServiceProcess;
import io.leadflow.localstack.StartupFailure;

/**
 * The Leadflow stack the benchmark measures: the one already running (a {@code ./leadflow up} in another terminal),
 * or one it starts by running {@link LocalStack} {@code up} as a child process and stops afterwards.
 */
final class StackUnderTest implements BenchStack {

    /** The broker of {@code ./leadflow up}, which its services use. */
    static final String BOOTSTRAP_SERVERS = "127.0.0.1:9092";

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(6);
    // LocalStack stops the services (up to 20 s), then the broker (up to 20 s): let it finish before killing it,
    // or its children would outlive it.
    private static final Duration STOP_GRACE = Duration.ofSeconds(90);

    private final Optional<ChildProcess> startedHere;

    private StackUnderTest(Optional<ChildProcess> startedHere) {
        this.startedHere = startedHere;
    }

    /**
     * The running stack when intake answers its health check; otherwise launches one from {@code root} as
     * {@code ./leadflow up} does, without waiting for it (see {@link #awaitReady}).
     */
    static StackUnderTest runningOrLaunched(Path root, String classpath, PrintStream console) throws IOException {
        if (ServiceProcess.isHealthy(LeadflowService.INTAKE)) {
            console.println("Using the running stack (intake answers on " + LeadflowService.INTAKE.baseUri() + ").");
            return new StackUnderTest(Optional.empty());
        }
        Path log = root.resolve("var").resolve("logs").resolve("local-stack.log");
        console.println("Intake does not answer on " + LeadflowService.INTAKE.baseUri() + ": starting the stack as"
                + " `./leadflow up` does (its output: " + root.relativize(log) + ")...");
        return new StackUnderTest(Optional.of(ChildProcess.start("local-stack", List.of(ChildProcess.javaExecutable(),
                "-cp", classpath, LocalStack.class.getName(), "up"), Map.of(), root, log)));
    }

    /** Returns once all four services are healthy; throws when the launched stack exits first or is too slow. */
    void awaitReady(PrintStream console) throws StartupFailure, InterruptedException {
        if (startedHere.isEmpty()) {
            return;
        }
        Instant started = Instant.now();
        HealthWait.awaitAll(List.of(new HealthWait.Pending(startedHere.get(), StackUnderTest::allHealthy)),
                READY_TIMEOUT, ready -> console.printf("  stack healthy after %d s%n",
                        Duration.between(started, Instant.now()).toSeconds()));
    }

    @Override
    public String bootstrapServers() {
        return BOOTSTRAP_SERVERS;
    }

    @Override
    public URI intakeBaseUri() {
        return LeadflowService.INTAKE.baseUri();
    }

    @Override
    public String description() {
        return startedHere.isPresent() ? "started by the benchmark as `./leadflow up` starts it, stopped afterwards"
                : "already running (`./leadflow up`)";
    }

    /** Stops the stack if the benchmark started it; a running stack is left running. */
    @Override
    public void close() throws InterruptedException {
        if (startedHere.isPresent()) {
            startedHere.get().stop(STOP_GRACE);
        }
    }

    private static boolean allHealthy() {
        return Arrays.stream(LeadflowService.values()).allMatch(ServiceProcess::isHealthy);
    }
}
