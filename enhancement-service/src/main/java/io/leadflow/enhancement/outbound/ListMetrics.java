package io.leadflow.enhancement.outbound;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code leadflow.enhancement.list.operations}: lists API work by {@code operation} (create, delete, query, unique,
 * add, remove) and {@code result}; adds and removes count values, the others calls. No list names, values or hashes.
 */
public final class ListMetrics {

    private final MeterRegistry registry;

    public ListMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void count(String operation, String result, long amount) {
        if (amount > 0) {
            Counter.builder("leadflow.enhancement.list.operations")
                    .description("Lists API operations (values for add and remove, calls otherwise)")
                    .tag("operation", operation)
                    .tag("result", result)
                    .register(registry)
                    .increment(amount);
        }
    }
}
