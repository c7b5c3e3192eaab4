package io.leadflow.integration;

import java.util.List;
import java.util.Optional;

/**
 * A connection engine that a flow step runs, identified as {@code package.direction.module}
 * ({@code custom.outbound.json}).
 *
 * <p>Lifecycle: modules are created once per process by their {@link IntegrationPackage} and must be thread-safe
 * and stateless (a cache whose loss changes no result is allowed). For each step run the platform renders the
 * step's mappings into {@link Vars}, calls {@link #validate}; a message means the step is skipped with that message
 * as reason and nothing is sent.
 *
 * <p>Error contract: business rejection is a value (an event with outcome {@code failure}), never an exception. A
 * module throws only for bugs; the platform turns that into outcome {@code error}.
 */
public interface IntegrationModule {

    /** {@code package.direction.module}. */
    String id();

    /** The variables this module reads, each with type, default and a one-line description. */
    List<VariableSpec> requestVariables();

    /** The data this module appends to the lead. */
    List<VariableSpec> responseVariables();

    /** A human-readable reason when the variables cannot work (the step is then skipped), else empty. */
    Optional<String> validate(Vars vars);
}
