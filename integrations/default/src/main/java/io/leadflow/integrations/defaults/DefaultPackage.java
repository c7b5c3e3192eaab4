package io.leadflow.integrations.defaults;

import io.leadflow.integration.IntegrationModule;
import io.leadflow.integration.IntegrationPackage;
import io.leadflow.integration.IntegrationSettings;
import java.util.List;

/** LeadConduit's "default" package: the LeadConduit Standard delivery, so one flow can deliver into another. */
public final class DefaultPackage implements IntegrationPackage {

    @Override
    public String name() {
        return "default";
    }

    @Override
    public List<IntegrationModule> modules(IntegrationSettings settings) {
        return List.of(new StandardOutbound(settings));
    }
}
