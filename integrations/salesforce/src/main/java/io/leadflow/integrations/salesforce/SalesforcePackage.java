package io.leadflow.integrations.salesforce;

import io.leadflow.integration.IntegrationModule;
import io.leadflow.integration.IntegrationPackage;
import io.leadflow.integration.IntegrationSettings;
import java.util.List;

/** Salesforce over its REST API: create a record of any sObject (a Lead by default). */
public final class SalesforcePackage implements IntegrationPackage {

    @Override
    public String name() {
        return "salesforce";
    }

    @Override
    public List<IntegrationModule> modules(IntegrationSettings settings) {
        return List.of(new CreateLeadOutbound());
    }
}
