package io.leadflow.integrations.phone;

import io.leadflow.integration.IntegrationModule;
import io.leadflow.integration.IntegrationPackage;
import io.leadflow.integration.IntegrationSettings;
import java.util.List;

/** Phone checks: offline with libphonenumber's data ({@code lookup}) and with Twilio Lookup v2 ({@code twilio_lookup}). */
public final class PhonePackage implements IntegrationPackage {

    @Override
    public String name() {
        return "phone";
    }

    @Override
    public List<IntegrationModule> modules(IntegrationSettings settings) {
        return List.of(new PhoneLookupOutbound(), new TwilioLookupOutbound(settings));
    }
}
