package io.leadflow.localstack.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code ./leadflow bench delivery} was asked for: the load steps in leads per second, how long each is measured,
 * the warm-up before the first, the connections that carry the load, delivery's {@code max-in-flight}, whether the
 * hanging-buyer phase runs, and whether the services are recorded with Java Flight Recorder.
 */
record DeliveryOptions(List<Integer> rates, Duration duration, Duration warmup, int connections, int maxInFlight,
                       boolean hanging, boolean profile) {

    /** delivery-service's own default of {@code leadflow.delivery.max-in-flight}. */
    static final int SERVICE_MAX_IN_FLIGHT = 256;
    static final DeliveryOptions DEFAULTS = new DeliveryOptions(List.of(250, 500, 1000, 1500),
            Duration.ofSeconds(20), Duration.ofSeconds(180), 128, SERVICE_MAX_IN_FLIGHT, true, false);
    static final int MAX_IN_FLIGHT = 100_000;
    static final String TARGET = "delivery";
    static final int MAX_RATE = 100_000;

    static final String USAGE = """
            Usage: ./leadflow bench delivery [--rates 250,500,1000,1500] [--duration DURATION] [--warmup DURATION]
                                             [--connections N] [--max-in-flight N] [--no-hanging] [--profile]

              --rates R1,R2,...    load steps, leads per second offered to intake, in this order (default
                                   250,500,1000,1500)
              --duration DURATION  length of each load step, and of the baseline's round (default 20s)
              --warmup DURATION    warm-up of the stack at the first step, and longest warm-up of the baseline
                                   (default 180s: six JVMs share the cores, and their JIT
                                   compilers need minutes; 0 skips both)
              --connections N      connections carrying the load, each paced (default 128)
              --max-in-flight N    deliveries delivery-service keeps in flight (LEADFLOW_DELIVERY_MAX_IN_FLIGHT;
                                   default 256, the service's own default). By Little's law a buyer answering
                                   in 200 ms takes 200 slots at 1,000 leads/s before any queueing
              --no-hanging         skip the second phase: the healthy buyer's throughput with and without a
                                   hanging buyer beside it
              --profile            record each service with Java Flight Recorder (<service>.jfr in the run's
                                   directory under var/bench)

            A DURATION is seconds (30), or a number followed by s or m (30s, 2m).""";

    /** Reads {@code delivery} followed by {@code --name value} or {@code --name=value} options. */
    static BenchOptions.Parsed parse(List<String> arguments) {
        if (arguments.stream().anyMatch(argument -> argument.equals("--help") || argument.equals("-h"))) {
            return new BenchOptions.Help();
        }
        if (arguments.isEmpty() || !arguments.get(0).equals(TARGET)) {
            return new BenchOptions.Problem("The delivery benchmark starts with 'delivery'.");
        }
        List<Integer> rates = DEFAULTS.rates();
        Duration duration = DEFAULTS.duration();
        Duration warmup = DEFAULTS.warmup();
        int connections = DEFAULTS.connections();
        int maxInFlight = DEFAULTS.maxInFlight();
        boolean hanging = DEFAULTS.hanging();
        boolean profile = DEFAULTS.profile();
        List<BenchOptions.Option> read = new ArrayList<>();
        Optional<BenchOptions.Problem> unreadable = BenchOptions.readOptions(arguments, Set.of("--no-hanging", "--profile"), read);
        if (unreadable.isPresent()) {
            return unreadable.get();
        }
        for (BenchOptions.Option option : read) {
            String value = option.value();
            switch (option.name()) {
                case "--no-hanging" -> hanging = false;
                case "--profile" -> profile = true;
                case "--rates" -> {
                    Optional<List<Integer>> parsed = rates(value);
                    if (parsed.isEmpty()) {
                        return new BenchOptions.Problem("--rates must be leads per second from 1 to " + MAX_RATE
                                + ", separated by commas (such as 250,500,1000), not '" + value + "'.");
                    }
                    rates = parsed.get();
                }
                case "--duration" -> {
                    Optional<Duration> parsed = BenchOptions.duration(value).filter(length -> !length.isZero());
                    if (parsed.isEmpty()) {
                        return new BenchOptions.Problem("--duration must be a duration of at least 1s such as 20s"
                                + " or 1m, not '" + value + "'.");
                    }
                    duration = parsed.get();
                }
                case "--warmup" -> {
                    Optional<Duration> parsed = BenchOptions.duration(value);
                    if (parsed.isEmpty()) {
                        return new BenchOptions.Problem("--warmup must be a duration such as 60s or 2m, not '"
                                + value + "'.");
                    }
                    warmup = parsed.get();
                }
                case "--connections" -> {
                    if (!value.matches("\\d{1,5}") || Integer.parseInt(value) < 1
                            || Integer.parseInt(value) > BenchOptions.MAX_CONNECTIONS) {
                        return new BenchOptions.Problem("--connections must be a whole number from 1 to "
                                + BenchOptions.MAX_CONNECTIONS + ", not '" + value + "'.");
                    }
                    connections = Integer.parseInt(value);
                }
                case "--max-in-flight" -> {
                    if (!value.matches("\\d{1,6}") || Integer.parseInt(value) < 1
                            || Integer.parseInt(value) > MAX_IN_FLIGHT) {
                        return new BenchOptions.Problem("--max-in-flight must be a whole number from 1 to "
                                + MAX_IN_FLIGHT + ", not '" + value + "'.");
                    }
                    maxInFlight = Integer.parseInt(value);
                }
                default -> {
                    return new BenchOptions.Problem("Unknown option '" + option.name() + "'.");
                }
            }
        }
        return new Run(new DeliveryOptions(rates, duration, warmup, connections, maxInFlight, hanging,
                profile));
    }

    /** What the command line asked for, when it asked for a run. */
    record Run(DeliveryOptions options) implements BenchOptions.Parsed {
    }

    private static Optional<List<Integer>> rates(String text) {
        List<Integer> rates = new ArrayList<>();
        for (String rate : text.split(",", -1)) {
            String trimmed = rate.trim();
            if (!trimmed.matches("\\d{1,6}") || Integer.parseInt(trimmed) < 1 || Integer.parseInt(trimmed) > MAX_RATE) {
                return Optional.empty();
            }
            rates.add(Integer.parseInt(trimmed));
        }
        return Optional.of(List.copyOf(rates));
    }
}
