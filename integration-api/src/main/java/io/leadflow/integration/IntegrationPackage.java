package io.leadflow.integration;

import java.util.List;

/**
 * A Maven module of integrations ({@code custom}, {@code phone}, ...), found with {@link java.util.ServiceLoader}:
 * list the implementation in {@code META-INF/services/io.leadflow.integration.IntegrationPackage}. It needs a public
 * no-argument constructor; {@link #modules} is called once per process.
 */
public interface IntegrationPackage {

    /** The package part of its modules' ids. */
    String name();

    /** Creates the package's modules for these platform settings. */
    List<IntegrationModule> modules(IntegrationSettings settings);
}
