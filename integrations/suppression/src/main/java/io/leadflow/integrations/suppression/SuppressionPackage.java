package io.leadflow.integrations.suppression;

import io.leadflow.integration.IntegrationModule;
import io.leadflow.integration.IntegrationPackage;
import io.leadflow.integration.IntegrationSettings;
import java.util.List;

/** Suppression lists and duplicate checks on Leadflow's own lists (enhancement-service), as LeadConduit's SuppressionList. */
public final class SuppressionPackage implements IntegrationPackage {

    @Override
    public String name() {
        return "suppression";
    }

    @Override
    public List<IntegrationModule> modules(IntegrationSettings settings) {
        ListsApi api = new ListsApi(settings);
        return List.of(new QueryItem(api), ItemsChange.add(api), ItemsChange.delete(api), new IsUnique(api));
    }
}
