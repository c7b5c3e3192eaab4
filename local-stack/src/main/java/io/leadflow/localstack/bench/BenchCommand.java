package io.leadflow.localstack.bench;

import java.io.PrintStream;
import java.nio.file.Path;

import io.leadflow.localstack.ChildProcess;
import io.leadflow.localstack.StartupFailure;

/** What the benchmarks' commands share: reading the command line into a run, and telling why a start failed. */
final class BenchCommand {

    private static final int LOG_TAIL_LINES = 40;

    private BenchCommand() {
    }

    /** A benchmark run for what the command line asked, in the project at {@code root}; returns the exit code. */
    @FunctionalInterface
    interface Runner {
        int run(BenchOptions.Parsed parsed, Path root) throws Exception;
    }

    /** Prints the usage, or the problem and the usage (exit 2), or runs the benchmark and exits with its code. */
    static void main(BenchOptions.Parsed parsed, String usage, Runner runner) {
        if (parsed instanceof BenchOptions.Help) {
            System.out.println(usage);
            return;
        }
        if (parsed instanceof BenchOptions.Problem problem) {
            System.err.println(problem.message());
            System.err.println(usage);
            System.exit(2);
        }
        try {
            System.exit(runner.run(parsed, Path.of("").toAbsolutePath()));
        } catch (Exception e) {
            System.err.println("bench failed: " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }

    /** Tells why the targets did not start, with the last lines of each culprit's log. */
    static void explain(StartupFailure failure, Path root, PrintStream console) {
        console.println(failure.getMessage());
        for (ChildProcess culprit : failure.culprits()) {
            console.println("---- last lines of " + root.relativize(culprit.logFile()) + " ----");
            culprit.lastLogLines(LOG_TAIL_LINES).forEach(console::println);
            console.println("----");
        }
    }

    /** Stops the baseline, then the stack, whichever of them started (null: not started). */
    static void stop(BaselineProcess baseline, BenchStack stack) {
        try {
            if (baseline != null) {
                baseline.close();
            }
            if (stack != null) {
                stack.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
