package io.leadflow.localstack.bench;

import java.net.URI;

/** The Leadflow stack a benchmark run measures: where its broker and intake are, and what it consists of. */
interface BenchStack extends AutoCloseable {

    String bootstrapServers();

    /** Intake's base URI ({@code http://127.0.0.1:<port>}). */
    URI intakeBaseUri();

    /** One line for the report: which stack, started how. */
    String description();

    /** Stops what the run started; a stack that was already running is left running. */
    @Override
    void close() throws InterruptedException;
}
