package io.leadflow.localstack.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import io.leadflow.localstack.LocalStack;

/**
 * How much of the machine's CPU went to processes outside the benchmark while a round ran, from Linux's /proc: the
 * benchmark's own JVM, its children and a running {@code ./leadflow up} with its children are "ours", the rest is
 * other work that competed with the figures. Elsewhere nothing is known.
 */
final class OtherWork {

    private static final Path PROC = Path.of("/proc");
    private static final String STACK_MAIN_CLASS = LocalStack.class.getName();

    /** CPU ticks at one moment: the machine's (all cores, idle included), its busy ones, and each of our processes'. */
    record Sample(long machineTicks, long busyTicks, Map<Long, Long> oursTicks) {
    }

    private OtherWork() {
    }

    /** The CPU ticks now, where /proc tells. */
    static Optional<Sample> sample() {
        try {
            String[] cpu = Files.readAllLines(PROC.resolve("stat")).get(0).trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal [guest guest_nice: already counted in user and nice]
            long[] ticks = Arrays.stream(cpu, 1, Math.min(cpu.length, 9)).mapToLong(Long::parseLong).toArray();
            long machine = Arrays.stream(ticks).sum();
            long busy = machine - ticks[3] - ticks[4];
            Map<Long, Long> ours = new HashMap<>();
            ourProcesses().forEach(process -> processTicks(process.pid())
                    .ifPresent(used -> ours.put(process.pid(), used)));
            return Optional.of(new Sample(machine, busy, ours));
        } catch (IOException | RuntimeException unknown) {
            return Optional.empty();
        }
    }

    /** The share of the machine's CPU capacity that other processes used between the two samples, 0 to 1. */
    static double share(Sample start, Sample end) {
        long machine = end.machineTicks() - start.machineTicks();
        if (machine <= 0) {
            return 0;
        }
        long ours = end.oursTicks().entrySet().stream()
                .mapToLong(process -> process.getValue() - start.oursTicks().getOrDefault(process.getKey(), 0L))
                .sum();
        long others = Math.max(0, end.busyTicks() - start.busyTicks() - ours);
        return Math.min(1, (double) others / machine);
    }

    private static Stream<ProcessHandle> ourProcesses() {
        Stream<ProcessHandle> stacks = ProcessHandle.allProcesses()
                .filter(process -> commandLine(process.pid()).contains(STACK_MAIN_CLASS));
        return Stream.concat(Stream.of(ProcessHandle.current()), stacks)
                .flatMap(root -> Stream.concat(Stream.of(root), root.descendants()))
                .distinct();
    }

    private static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(PROC.resolve(String.valueOf(pid)).resolve("cmdline")),
                    StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException gone) {
            return "";
        }
    }

    /** User and system ticks of a process, all its threads; empty when it is gone. */
    private static Optional<Long> processTicks(long pid) {
        try {
            String stat = Files.readString(PROC.resolve(String.valueOf(pid)).resolve("stat"));
            // The command name in parentheses may hold spaces: fields are counted after its closing parenthesis.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Optional.of(Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
        } catch (IOException | RuntimeException gone) {
            return Optional.empty();
        }
    }
}
