package io.leadflow.integrations.custom;

import io.leadflow.integration.IntegrationModule;
import io.leadflow.integration.IntegrationPackage;
import io.leadflow.integration.IntegrationSettings;
import java.util.List;

/** LeadConduit's "Custom" integrations: JSON, form, query (GET), XML, SOAP and token-authenticated JSON deliveries to any HTTP recipient. */
public final class CustomPackage implements IntegrationPackage {

    @Override
    public String name() {
        return "custom";
    }

    @Override
    public List<IntegrationModule> modules(IntegrationSettings settings) {
        RequestValidator validator = new RequestValidator(settings);
        ResponseParser responseParser = new ResponseParser();
        JsonOutbound json = new JsonOutbound(validator, responseParser);
        return List.of(
                json,
                new FormOutbound(validator, responseParser),
                new QueryOutbound(validator, responseParser),
                new XmlOutbound(validator, responseParser),
                new SoapOutbound(validator),
                new TokenAuthenticatedOutbound(json));
    }
}
