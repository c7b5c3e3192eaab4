package io.leadflow.delivery.outbound;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.leadflow.delivery.domain.StepGate;
import io.leadflow.flow.Flow;
import io.leadflow.flow.RecipientLimits;
import io.leadflow.flow.StepDefinition;
import io.leadflow.flow.StepResult;
import io.leadflow.integration.Outcome;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A circuit breaker per recipient step (Resilience4j: failure rate over a sliding window of calls, once a minimum
 * number of calls was made; open, every attempt is an {@code error} "Circuit open" without a call; half-open, a few
 * probes decide) and the step's {@code limits}: at most {@code max_concurrency} calls open and
 * {@code max_rate_per_second} started per second. A call waits up to {@link #LIMIT_WAIT} for its limits, without
 * holding a thread, else it is an {@code error} that goes to the retry schedule, so one recipient's contract never
 * holds back the others for long. Circuit state is the gauge {@code leadflow.delivery.circuit.state} (flow, step:
 * 0 closed, 1 open, 2 half-open), the calls open now {@code leadflow.delivery.recipient.in.flight} (flow, step).
 */
public final class RecipientGuards implements StepGate, AutoCloseable {

    static final Duration LIMIT_WAIT = Duration.ofSeconds(1);

    /** How the circuit breakers judge a recipient. */
    public record BreakerSettings(float failureRateThreshold, int slidingWindowSize, int minimumNumberOfCalls,
                                  Duration waitInOpenState, int permittedCallsInHalfOpenState) {
    }

    private final CircuitBreakerRegistry breakers;
    private final Map<String, Limits> limits = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> openCalls = new ConcurrentHashMap<>();
    private final RetryAfterCapture retryAfter;
    private final MeterRegistry registry;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "delivery-limits");
        thread.setDaemon(true);
        return thread;
    });

    public RecipientGuards(BreakerSettings settings, RetryAfterCapture retryAfter, MeterRegistry registry,
                           Clock clock) {
        this.breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .failureRateThreshold(settings.failureRateThreshold())
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.slidingWindowSize())
                .minimumNumberOfCalls(settings.minimumNumberOfCalls())
                .waitDurationInOpenState(settings.waitInOpenState())
                .permittedNumberOfCallsInHalfOpenState(settings.permittedCallsInHalfOpenState())
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .build());
        this.retryAfter = retryAfter;
        this.registry = registry;
        this.clock = clock;
    }

    @Override
    public CompletableFuture<Passage> pass(Flow flow, StepDefinition step, String idempotencyKey,
                                           Supplier<CompletableFuture<StepResult>> call) {
        CircuitBreaker breaker = breaker(flow, step);
        if (!breaker.tryAcquirePermission()) {
            return CompletableFuture.completedFuture(new Passage(refused(step, "Circuit open"), null));
        }
        Limits stepLimits = limits.computeIfAbsent(flow.id() + "/" + step.id(), name -> new Limits(step.limits()));
        return stepLimits.acquire().thenCompose(refusal -> {
            if (refusal != null) {
                breaker.releasePermission();
                return CompletableFuture.completedFuture(new Passage(refused(step, refusal), null));
            }
            AtomicInteger open = openCalls(flow, step);
            open.incrementAndGet();
            long started = System.nanoTime();
            return call.get().handle((result, failure) -> {
                open.decrementAndGet();
                stepLimits.release();
                long elapsed = System.nanoTime() - started;
                if (failure != null) {
                    breaker.onError(elapsed, TimeUnit.NANOSECONDS, failure);
                    throw new IllegalStateException("A step runner failed, which it never should", failure);
                }
                if (result.outcome() == Outcome.ERROR) {
                    breaker.onError(elapsed, TimeUnit.NANOSECONDS, new RecipientError(result.reason()));
                } else if (result.outcome() == Outcome.SKIP) {
                    breaker.releasePermission();
                } else {
                    breaker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
                }
                return new Passage(result, retryAfter.take(idempotencyKey).orElse(null));
            });
        });
    }

    /** The state of a step's breaker, for tests and the admin view. */
    public CircuitBreaker.State state(Flow flow, StepDefinition step) {
        return breaker(flow, step).getState();
    }

    private CircuitBreaker breaker(Flow flow, StepDefinition step) {
        String name = flow.id() + "/" + step.id();
        return breakers.find(name).orElseGet(() -> {
            CircuitBreaker created = breakers.circuitBreaker(name);
            Gauge.builder("leadflow.delivery.circuit.state", created, RecipientGuards::stateValue)
                    .description("Circuit breaker of a recipient step: 0 closed, 1 open, 2 half-open")
                    .tag("flow", flow.id())
                    .tag("step", step.id())
                    .register(registry);
            return created;
        });
    }

    private AtomicInteger openCalls(Flow flow, StepDefinition step) {
        return openCalls.computeIfAbsent(flow.id() + "/" + step.id(), name -> {
            AtomicInteger open = new AtomicInteger();
            Gauge.builder("leadflow.delivery.recipient.in.flight", open, AtomicInteger::get)
                    .description("Calls to a recipient step open now (a lead waiting in a batch counts)")
                    .tag("flow", flow.id())
                    .tag("step", step.id())
                    .register(registry);
            return open;
        });
    }

    private static double stateValue(CircuitBreaker breaker) {
        return switch (breaker.getState()) {
            case CLOSED -> 0;
            case OPEN, FORCED_OPEN -> 1;
            case HALF_OPEN -> 2;
            default -> 0;
        };
    }

    private StepResult refused(StepDefinition step, String reason) {
        return new StepResult(step.id(), step.kind(), step.entity(), step.integration(), Outcome.ERROR, reason, null,
                null, Map.of(), clock.instant(), Duration.ZERO, null);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** An {@code error} outcome, as the circuit breaker counts it. */
    private static final class RecipientError extends RuntimeException {
        RecipientError(String reason) {
            super(reason, null, false, false);
        }
    }

    /** One step's limits: permits for open calls (waiters in arrival order) and a rate limiter. */
    private final class Limits {
        private final RecipientLimits settings;
        private final RateLimiter rate;
        private final Queue<CompletableFuture<String>> waiting = new ArrayDeque<>();
        private int open;

        Limits(RecipientLimits settings) {
            this.settings = settings;
            this.rate = settings.limitsRate() ? RateLimiter.of("rate", RateLimiterConfig.custom()
                    .limitForPeriod(settings.maxRatePerSecond())
                    .limitRefreshPeriod(Duration.ofSeconds(1))
                    .timeoutDuration(LIMIT_WAIT)
                    .build()) : null;
        }

        /** Completes with null once the call may go, or with the reason it may not. */
        CompletableFuture<String> acquire() {
            CompletableFuture<String> permit = new CompletableFuture<>();
            synchronized (this) {
                if (!settings.limitsConcurrency() || open < settings.maxConcurrency()) {
                    open++;
                    permit.complete(null);
                } else {
                    waiting.add(permit);
                    timer.schedule(() -> giveUp(permit), LIMIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
            return permit.thenCompose(refusal -> refusal != null ? permit : paced());
        }

        private CompletableFuture<String> paced() {
            if (rate == null) {
                return CompletableFuture.completedFuture(null);
            }
            long waitNanos = rate.reservePermission();
            if (waitNanos < 0) {
                release();
                return CompletableFuture.completedFuture("Rate limit of the recipient reached");
            }
            if (waitNanos == 0) {
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<String> later = new CompletableFuture<>();
            timer.schedule(() -> later.complete(null), waitNanos, TimeUnit.NANOSECONDS);
            return later;
        }

        private void giveUp(CompletableFuture<String> permit) {
            synchronized (this) {
                if (!waiting.remove(permit)) {
                    return;
                }
            }
            permit.complete("Concurrency limit of the recipient reached");
        }

        void release() {
            CompletableFuture<String> next;
            synchronized (this) {
                if (!settings.limitsConcurrency()) {
                    return;
                }
                next = waiting.poll();
                if (next == null) {
                    open--;
                    return;
                }
            }
            next.complete(null);
        }
    }
}
