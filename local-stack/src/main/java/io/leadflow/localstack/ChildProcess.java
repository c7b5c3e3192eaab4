package io.leadflow.localstack;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** An OS process started by the local stack, its output (stdout and stderr) written to one log file. */
public final class ChildProcess {

    private static final int LOG_TAIL_BYTES = 64 * 1024;
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);

    private final String name;
    private final Process process;
    private final Path logFile;

    private ChildProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
    }

    /**
     * Starts {@code command} in {@code workingDirectory} with {@code environment} added to this process's own,
     * writing its output to {@code logFile} (emptied first).
     */
    public static ChildProcess start(String name, List<String> command, Map<String, String> environment,
                              Path workingDirectory, Path logFile) throws IOException {
        Files.createDirectories(logFile.getParent());
        ProcessBuilder builder = new ProcessBuilder(inOwnSession(command))
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        return new ChildProcess(name, process, logFile);
    }

    /** The java executable of the running JVM, so every child runs on the same JDK as the launcher. */
    public static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public String name() {
        return name;
    }

    public Path logFile() {
        return logFile;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public int exitCode() {
        return process.exitValue();
    }

    CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    /** Waits up to {@code timeout} for the process to exit; true if it did. */
    boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Asks the process to stop (SIGTERM), which lets a JVM run its shutdown hooks. */
    void terminate() {
        process.destroy();
    }

    /** Kills the process at once (SIGKILL: no shutdown hooks run) and waits for it to be gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits for the process to exit until {@code deadline}, then kills it (SIGKILL); false if it had to. */
    boolean awaitExitOrKill(Instant deadline) throws InterruptedException {
        Duration left = Duration.between(Instant.now(), deadline);
        if (!left.isNegative() && process.waitFor(left.toMillis(), TimeUnit.MILLISECONDS)) {
            return true;
        }
        process.destroyForcibly();
        process.waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        return false;
    }

    /** Stops the process: SIGTERM, then SIGKILL if it has not exited within {@code grace}; false if killed. */
    public boolean stop(Duration grace) throws InterruptedException {
        terminate();
        return awaitExitOrKill(Instant.now().plus(grace));
    }

    /** The last {@code count} lines of the log file (of its last 64 KB), for a start-up failure report. */
    public List<String> lastLogLines(int count) {
        try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
            long start = Math.max(0, file.length() - LOG_TAIL_BYTES);
            byte[] tail = new byte[(int) (file.length() - start)];
            file.seek(start);
            file.readFully(tail);
            List<String> lines = Arrays.asList(new String(tail, StandardCharsets.UTF_8).split("\\R"));
            return new ArrayList<>(lines.subList(Math.max(0, lines.size() - count), lines.size()));
        } catch (IOException e) {
            return List.of("(cannot read " + logFile + ": " + e.getMessage() + ")");
        }
    }

    // Ctrl-C in a terminal signals the whole foreground process group. A child in a session of its own only gets
    // the SIGTERM that the launcher sends, so the launcher decides the order: services first, the broker last.
    // setsid execs the command in place (a freshly started child is no group leader), so the pid stays the child's.
    private static List<String> inOwnSession(List<String> command) {
        return findOnPath("setsid")
                .map(setsid -> {
                    List<String> wrapped = new ArrayList<>(command.size() + 1);
                    wrapped.add(setsid);
                    wrapped.addAll(command);
                    return wrapped;
                })
                .orElse(command);
    }

    private static Optional<String> findOnPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Arrays.stream(path.split(File.pathSeparator))
                .filter(directory -> !directory.isEmpty())
                .map(directory -> Path.of(directory, program))
                .filter(Files::isExecutable)
                .map(Path::toString)
                .findFirst();
    }
}
