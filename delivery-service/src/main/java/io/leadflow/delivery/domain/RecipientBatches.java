package io.leadflow.delivery.domain;

import io.leadflow.flow.Flow;
import io.leadflow.flow.StepDefinition;
import io.leadflow.flow.StepResult;
import io.leadflow.flow.rules.LeadView;
import io.leadflow.flow.run.FlowRunner;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * Collects the leads of a batching recipient step ({@code batch: {max_leads, max_wait}}) and sends them together:
 * a batch goes once it holds {@code max_leads} leads, or once its first lead has waited {@code max_wait}. Each lead
 * gets its own result from the bulk answer; a lead never waits longer than {@code max_wait} plus the call.
 */
public final class RecipientBatches implements AutoCloseable {

    private final FlowRunner runner;
    private final IntConsumer sent;
    private final Map<String, Batch> open = new HashMap<>();
    private ScheduledExecutorService timer;

    /** {@code sent} hears the size of each batch sent (a metric). */
    public RecipientBatches(FlowRunner runner, IntConsumer sent) {
        this.runner = runner;
        this.sent = sent;
    }

    /** Adds a lead to the step's open batch; completes with the lead's result once the batch was answered. */
    public CompletableFuture<StepResult> add(Flow flow, StepDefinition step, LeadView view) {
        String key = flow.id() + "/" + flow.revision() + "/" + step.id();
        CompletableFuture<StepResult> result = new CompletableFuture<>();
        Batch full = null;
        synchronized (this) {
            Batch batch = open.get(key);
            if (batch == null) {
                batch = new Batch(flow, step);
                open.put(key, batch);
                Batch waiting = batch;
                batch.deadline = timer().schedule(() -> sendIfOpen(key, waiting), step.batch().maxWait().toMillis(),
                        TimeUnit.MILLISECONDS);
            }
            batch.views.add(view);
            batch.results.add(result);
            if (batch.views.size() >= step.batch().maxLeads()) {
                open.remove(key);
                batch.deadline.cancel(false);
                full = batch;
            }
        }
        if (full != null) {
            send(full);
        }
        return result;
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private void sendIfOpen(String key, Batch batch) {
        synchronized (this) {
            if (!open.remove(key, batch)) {
                return;
            }
        }
        send(batch);
    }

    private void send(Batch batch) {
        sent.accept(batch.views.size());
        runner.runBatch(batch.flow, batch.step, batch.views).whenComplete((results, failure) -> {
            for (int i = 0; i < batch.results.size(); i++) {
                if (failure != null) {
                    batch.results.get(i).completeExceptionally(failure);
                } else {
                    batch.results.get(i).complete(results.get(i));
                }
            }
        });
    }

    /** The timer thread starts with the first batch: flows without batching never need it. */
    private ScheduledExecutorService timer() {
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "delivery-batches");
                thread.setDaemon(true);
                return thread;
            });
        }
        return timer;
    }

    /** The leads collected for one step, in arrival order, and where each one's result goes. */
    private static final class Batch {
        private final Flow flow;
        private final StepDefinition step;
        private final List<LeadView> views = new ArrayList<>();
        private final List<CompletableFuture<StepResult>> results = new ArrayList<>();
        private ScheduledFuture<?> deadline;

        Batch(Flow flow, StepDefinition step) {
            this.flow = flow;
            this.step = step;
        }
    }
}
