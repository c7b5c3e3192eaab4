package io.leadflow.integrations.phone;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.integration.IntegrationCatalog;
import io.leadflow.integration.IntegrationModule;
import io.leadflow.integration.IntegrationSettings;
import org.junit.jupiter.api.Test;

class PhonePackageTest {

    @Test
    void theCatalogFindsBothModulesWithTheirVariables() {
        IntegrationCatalog catalog = IntegrationCatalog.load(IntegrationSettings.defaults());

        assertThat(catalog.modules()).extracting(IntegrationModule::id)
                .contains("phone.outbound.lookup", "phone.outbound.twilio_lookup");
        assertThat(catalog.find("phone.outbound.lookup").orElseThrow().requestVariables())
                .extracting(spec -> spec.name()).containsExactly("phone", "region");
        assertThat(catalog.find("phone.outbound.twilio_lookup").orElseThrow().responseVariables())
                .extracting(spec -> spec.name()).contains("valid", "line_type", "carrier");
    }
}
