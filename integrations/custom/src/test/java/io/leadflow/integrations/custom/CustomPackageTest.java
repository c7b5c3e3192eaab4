package io.leadflow.integrations.custom;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.integration.IntegrationCatalog;
import io.leadflow.integration.IntegrationModule;
import io.leadflow.integration.IntegrationSettings;
import io.leadflow.integration.VariableSpec;
import io.leadflow.integration.testing.JsonFixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class CustomPackageTest {

    @Test
    void isFoundOnTheClasspathWithItsSixModules() {
        IntegrationCatalog catalog = IntegrationCatalog.load(IntegrationSettings.defaults());

        assertThat(catalog.modules()).extracting(IntegrationModule::id).containsExactly("custom.outbound.form",
                "custom.outbound.json", "custom.outbound.query", "custom.outbound.soap",
                "custom.outbound.token_authenticated", "custom.outbound.xml");
    }

    @Test
    void declaresEachVariableItsModulesRead() {
        List<IntegrationModule> modules = new CustomPackage().modules(IntegrationSettings.defaults());

        assertThat(names(modules.get(0).requestVariables())).containsExactly(
                "credential_id", "url", "method", "basic_username", "basic_password", "json_property.*",
                "json_parameter", "nested_extra_parameter.*", "extra_parameter.*", "follow_redirects", "send_ascii",
                "header.*", "outcome_search_term", "outcome_search_path", "outcome_on_match", "reason_path",
                "default_reason", "price_path", "fallback_price", "reference_path", "capture.*",
                "response_content_type_override", "cookie_search_term");
        assertThat(names(modules.get(1).requestVariables())).startsWith(
                "url", "basic_username", "basic_password", "encode_form_field_names", "form_field.*",
                "follow_redirects", "send_ascii", "header.*", "outcome_search_term");
        assertThat(names(modules.get(2).requestVariables())).startsWith(
                "url", "parameter.*", "basic_username", "basic_password", "follow_redirects", "send_ascii", "header.*",
                "outcome_search_term");
        assertThat(names(modules.get(3).requestVariables())).startsWith(
                "url", "method", "basic_username", "basic_password", "xml_path.*", "xml_parameter", "extra_parameter.*",
                "follow_redirects", "send_ascii", "header.*", "outcome_search_term");
        assertThat(modules.subList(0, 4)).allSatisfy(module -> assertThat(names(module.responseVariables()))
                .containsExactly("outcome", "reason", "cookie", "price", "reference", "*"));
    }

    @Test
    void givesFollowRedirectsItsModulesDefault() {
        List<IntegrationModule> modules = new CustomPackage().modules(IntegrationSettings.defaults());

        assertThat(modules.subList(0, 4)).extracting(module -> module.requestVariables().stream()
                        .filter(variable -> variable.name().equals("follow_redirects"))
                        .findFirst().orElseThrow().defaultValue())
                .containsExactly("false", "false", "true", "false");
    }

    @Test
    void letsModulesCallPrivateAddressesWhereTheSettingsAllowIt() {
        List<IntegrationModule> modules = new CustomPackage().modules(new IntegrationSettings(true));

        assertThat(modules).allSatisfy(module -> assertThat(module.validate(
                JsonFixtures.vars("{\"url\": \"http://localhost:8080/hook\", \"function\": \"AddLead\", "
                        + "\"authentication_url\": \"http://localhost:8080/token\", "
                        + "\"credential\": {\"type\": \"token\"}}"))).isEmpty());
    }

    private static List<String> names(List<VariableSpec> variables) {
        return variables.stream().map(VariableSpec::name).toList();
    }
}
