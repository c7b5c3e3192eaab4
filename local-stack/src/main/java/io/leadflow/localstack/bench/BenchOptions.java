package io.leadflow.localstack.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code ./leadflow bench intake} was asked for: how many connections keep a request in flight, the longest
 * warm-up of each target (it ends earlier once throughput is stable), how long each round measures, which stack to
 * measure in, and whether intake runs with a flight recording.
 */
record BenchOptions(int connections, Duration warmup, Duration duration, StackMode stack, boolean profile) {

    static final BenchOptions DEFAULTS = new BenchOptions(64, Duration.ofSeconds(180), Duration.ofSeconds(30),
            StackMode.LOCAL, false);
    static final String TARGET = "intake";
    static final int MAX_CONNECTIONS = 10_000;

    static final String USAGE = """
            Usage: ./leadflow bench intake [--connections N] [--warmup DURATION] [--duration DURATION]
                                           [--stack local|intake|full] [--profile]

              --connections N      connections, each with one request in flight (default 64, like wrk -c64)
              --warmup DURATION    longest warm-up of each target before it is measured; it ends as soon as
                                   throughput is stable (default 180s; 0 skips it)
              --duration DURATION  length of each of the two measured rounds per target (default 30s)
              --stack local        the stack of ./leadflow up on its fixed ports, running or started (default)
              --stack intake       a broker and intake alone, started on free ports: intake's own cost
              --stack full         a broker and all four services, started on free ports
              --profile            record intake with Java Flight Recorder (intake and full stacks only)

            A DURATION is seconds (30), or a number followed by s or m (30s, 2m).""";

    private static final Pattern DURATION = Pattern.compile("(\\d{1,6})([sm]?)");

    /** What the command line asked for: options to run with, the usage, or a problem to explain. */
    sealed interface Parsed permits Run, Help, Problem, DeliveryOptions.Run {
    }

    record Run(BenchOptions options) implements Parsed {
    }

    record Help() implements Parsed {
    }

    record Problem(String message) implements Parsed {
    }

    /** Reads {@code intake} followed by {@code --name value} or {@code --name=value} options. */
    static Parsed parse(List<String> arguments) {
        if (arguments.stream().anyMatch(argument -> argument.equals("--help") || argument.equals("-h"))) {
            return new Help();
        }
        if (arguments.isEmpty() || !arguments.get(0).equals(TARGET)) {
            return new Problem(arguments.isEmpty()
                    ? "Name what to benchmark: only 'intake' can be benchmarked."
                    : "Cannot benchmark '" + arguments.get(0) + "': only 'intake' can be benchmarked.");
        }
        int connections = DEFAULTS.connections();
        Duration warmup = DEFAULTS.warmup();
        Duration duration = DEFAULTS.duration();
        StackMode stack = DEFAULTS.stack();
        boolean profile = DEFAULTS.profile();
        List<Option> read = new ArrayList<>();
        Optional<Problem> unreadable = readOptions(arguments, Set.of("--profile"), read);
        if (unreadable.isPresent()) {
            return unreadable.get();
        }
        for (Option option : read) {
            String value = option.value();
            switch (option.name()) {
                case "--profile" -> profile = true;
                case "--connections" -> {
                    if (!value.matches("\\d{1,5}") || Integer.parseInt(value) < 1
                            || Integer.parseInt(value) > MAX_CONNECTIONS) {
                        return new Problem("--connections must be a whole number from 1 to " + MAX_CONNECTIONS
                                + ", not '" + value + "'.");
                    }
                    connections = Integer.parseInt(value);
                }
                case "--warmup" -> {
                    Optional<Duration> parsed = duration(value);
                    if (parsed.isEmpty()) {
                        return new Problem("--warmup must be a duration such as 20s or 1m, not '" + value + "'.");
                    }
                    warmup = parsed.get();
                }
                case "--duration" -> {
                    Optional<Duration> parsed = duration(value).filter(length -> !length.isZero());
                    if (parsed.isEmpty()) {
                        return new Problem("--duration must be a duration of at least 1s such as 30s or 2m, not '"
                                + value + "'.");
                    }
                    duration = parsed.get();
                }
                case "--stack" -> {
                    Optional<StackMode> parsed = Arrays.stream(StackMode.values())
                            .filter(mode -> mode.optionValue().equals(value)).findFirst();
                    if (parsed.isEmpty()) {
                        return new Problem("--stack must be local, intake or full, not '" + value + "'.");
                    }
                    stack = parsed.get();
                }
                default -> {
                    return new Problem("Unknown option '" + option.name() + "'.");
                }
            }
        }
        if (profile && stack == StackMode.LOCAL) {
            return new Problem("--profile needs a stack the benchmark starts: add --stack intake or --stack full.");
        }
        return new Run(new BenchOptions(connections, warmup, duration, stack, profile));
    }

    /** One option after the benchmark's name: {@code --name value}, {@code --name=value}, or a flag (no value). */
    record Option(String name, String value) {
    }

    /**
     * Reads the options after the benchmark's name ({@code arguments.get(0)}) into {@code read}, or tells the problem
     * with them; the names in {@code flags} take no value.
     */
    static Optional<Problem> readOptions(List<String> arguments, Set<String> flags, List<Option> read) {
        for (int i = 1; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (!argument.startsWith("--")) {
                return Optional.of(new Problem("Unknown argument '" + argument + "'."));
            }
            if (flags.contains(argument)) {
                read.add(new Option(argument, ""));
                continue;
            }
            int equals = argument.indexOf('=');
            String name = equals < 0 ? argument : argument.substring(0, equals);
            if (equals >= 0) {
                read.add(new Option(name, argument.substring(equals + 1)));
            } else if (i + 1 < arguments.size()) {
                read.add(new Option(name, arguments.get(++i)));
            } else {
                return Optional.of(new Problem(name + " needs a value."));
            }
        }
        return Optional.empty();
    }

    /** A DURATION as the usage describes it (30, 30s, 2m), or empty when the text is none. */
    static Optional<Duration> duration(String text) {
        Matcher matcher = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            return Optional.empty();
        }
        long amount = Long.parseLong(matcher.group(1));
        return Optional.of(matcher.group(2).equals("m") ? Duration.ofMinutes(amount) : Duration.ofSeconds(amount));
    }
}
