package io.leadflow.integrations.email;

import io.leadflow.integration.IntegrationModule;
import io.leadflow.integration.IntegrationPackage;
import io.leadflow.integration.IntegrationSettings;
import java.util.List;

/** Email: verification with an MX lookup ({@code verify}) and delivery of a lead by mail over SMTP ({@code smtp}). */
public final class EmailPackage implements IntegrationPackage {

    @Override
    public String name() {
        return "email";
    }

    @Override
    public List<IntegrationModule> modules(IntegrationSettings settings) {
        return List.of(new EmailVerifyOutbound(), new SmtpOutbound(settings));
    }
}
