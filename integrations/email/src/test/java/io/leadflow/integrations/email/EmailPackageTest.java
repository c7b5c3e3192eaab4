package io.leadflow.integrations.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.integration.HandleOutbound;
import io.leadflow.integration.IntegrationCatalog;
import io.leadflow.integration.IntegrationModule;
import io.leadflow.integration.IntegrationSettings;
import org.junit.jupiter.api.Test;

class EmailPackageTest {

    @Test
    void theCatalogFindsBothModulesAsModulesDoingTheirOwnIo() {
        IntegrationCatalog catalog = IntegrationCatalog.load(IntegrationSettings.defaults());

        assertThat(catalog.modules()).filteredOn(module -> module.id().startsWith("email."))
                .extracting(IntegrationModule::id).containsExactly("email.outbound.smtp", "email.outbound.verify");
        assertThat(catalog.modules()).filteredOn(module -> module.id().startsWith("email."))
                .allMatch(HandleOutbound.class::isInstance);
    }
}
