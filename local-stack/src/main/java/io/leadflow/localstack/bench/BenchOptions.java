package io.leadflow.localstack.bench;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code ./leadflow bench intake} was asked for: how many connections keep a request in flight, how long each
 * target is warmed up and how long each round measures.
 */
record BenchOptions(int connections, Duration warmup, Duration duration) {

    static final BenchOptions DEFAULTS = new BenchOptions(64, Duration.ofSeconds(20), Duration.ofSeconds(30));
    static final String TARGET = "intake";
    static final int MAX_CONNECTIONS = 10_000;

    static final String USAGE = """
            Usage: ./leadflow bench intake [--connections N] [--warmup DURATION] [--duration DURATION]

              --connections N      connections, each with one request in flight (default 64, like wrk -c64)
              --warmup DURATION    warm-up of each target before it is measured (default 20s; 0 skips it)
              --duration DURATION  length of each of the two measured rounds per target (default 30s)

            A DURATION is seconds (30), or a number followed by s or m (30s, 2m).""";

    private static final Pattern DURATION = Pattern.compile("(\\d{1,6})([sm]?)");

    /** What the command line asked for: options to run with, the usage, or a problem to explain. */
    sealed interface Parsed permits Run, Help, Problem {
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
        for (int i = 1; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (!argument.startsWith("--")) {
                return new Problem("Unknown argument '" + argument + "'.");
            }
            int equals = argument.indexOf('=');
            String name = equals < 0 ? argument : argument.substring(0, equals);
            String value;
            if (equals >= 0) {
                value = argument.substring(equals + 1);
            } else if (i + 1 < arguments.size()) {
                value = arguments.get(++i);
            } else {
                return new Problem(name + " needs a value.");
            }
            switch (name) {
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
                default -> {
                    return new Problem("Unknown option '" + name + "'.");
                }
            }
        }
        return new Run(new BenchOptions(connections, warmup, duration));
    }

    private static Optional<Duration> duration(String text) {
        Matcher matcher = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            return Optional.empty();
        }
        long amount = Long.parseLong(matcher.group(1));
        return Optional.of(matcher.group(2).equals("m") ? Duration.ofMinutes(amount) : Duration.ofSeconds(amount));
    }
}
