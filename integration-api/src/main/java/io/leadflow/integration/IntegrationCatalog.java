package io.leadflow.integration;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** Every integration module on the classpath, by id. */
public final class IntegrationCatalog {

    private final Map<String, IntegrationModule> modules;

    public IntegrationCatalog(Collection<IntegrationPackage> packages, IntegrationSettings settings) {
        Map<String, IntegrationModule> byId = new TreeMap<>();
        for (IntegrationPackage integrationPackage : packages) {
            for (IntegrationModule module : integrationPackage.modules(settings)) {
                if (!module.id().startsWith(integrationPackage.name() + ".")) {
                    throw new IllegalStateException("Module " + module.id() + " does not belong to package "
                            + integrationPackage.name());
                }
                if (byId.putIfAbsent(module.id(), module) != null) {
                    throw new IllegalStateException("Two integration modules have the id " + module.id());
                }
            }
        }
        this.modules = Map.copyOf(byId);
    }

    /** The packages listed in {@code META-INF/services} on the classpath. */
    public static IntegrationCatalog load(IntegrationSettings settings) {
        return new IntegrationCatalog(ServiceLoader.load(IntegrationPackage.class).stream()
                .map(ServiceLoader.Provider::get).toList(), settings);
    }

    public Optional<IntegrationModule> find(String id) {
        return Optional.ofNullable(modules.get(id));
    }

    public Collection<IntegrationModule> modules() {
        return new TreeMap<>(modules).values();
    }
}
