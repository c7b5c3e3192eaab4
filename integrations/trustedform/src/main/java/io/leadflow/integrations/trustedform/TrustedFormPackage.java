package io.leadflow.integrations.trustedform;

import io.leadflow.integration.IntegrationModule;
import io.leadflow.integration.IntegrationPackage;
import io.leadflow.integration.IntegrationSettings;
import java.util.List;

/** LeadConduit's TrustedForm package: v4 (retain, insights, verify, page scans) and the older Insights (peek). */
public final class TrustedFormPackage implements IntegrationPackage {

    @Override
    public String name() {
        return "trustedform";
    }

    @Override
    public List<IntegrationModule> modules(IntegrationSettings settings) {
        return List.of(new TrustedFormOutbound(settings, TrustedFormOutbound.LEAD_ID_REFERENCE),
                new InsightsOutbound(settings));
    }
}
