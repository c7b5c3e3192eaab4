package io.leadflow.feedback;

import io.leadflow.integration.IntegrationModule;
import io.leadflow.integration.IntegrationPackage;
import io.leadflow.integration.IntegrationSettings;
import io.leadflow.integration.VariableSpec;
import io.leadflow.integration.Vars;
import java.util.List;
import java.util.Optional;

/**
 * An integration the test flows' steps can name. This service never runs integrations, it only loads flows, so its
 * tests do not depend on a real integration package's variables.
 */
public class TestIntegrations implements IntegrationPackage {

    @Override
    public String name() {
        return "feedbacktest";
    }

    @Override
    public List<IntegrationModule> modules(IntegrationSettings settings) {
        return List.of(new IntegrationModule() {
            @Override
            public String id() {
                return "feedbacktest.outbound.recipient";
            }

            @Override
            public List<VariableSpec> requestVariables() {
                return List.of();
            }

            @Override
            public List<VariableSpec> responseVariables() {
                return List.of();
            }

            @Override
            public Optional<String> validate(Vars vars) {
                return Optional.empty();
            }
        });
    }
}
