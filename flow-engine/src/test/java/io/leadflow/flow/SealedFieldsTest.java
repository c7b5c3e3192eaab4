package io.leadflow.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadflow.flow.rules.LeadView;
import io.leadflow.integration.TypedValue;
import io.leadflow.integration.types.FieldTypes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SealedFieldsTest {

    private static final String KEY = "leadflow-field-key";
    private static final Flow FLOW = new Flow("loans", "Loans", true, "rev", List.of(), List.of(), List.of(), Map.of());

    @TempDir
    Path secrets;
    private SealedFields sealedFields;

    @BeforeEach
    void writeKey() throws IOException {
        Files.writeString(secrets.resolve(KEY), "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\n");
        Files.writeString(secrets.resolve("short-key"), "AAECAwQFBgc=");
        sealedFields = new SealedFields(new References(name -> null, secrets));
    }

    @Test
    void sealedValuesShowOnlyTheirMaskAndOpenToTheOriginal() {
        Map<String, TypedValue> fields = fields("ssn", FieldTypes.parse("ssn", "123-45-6789"),
                "password", FieldTypes.parse("credential", "hunter2"),
                "email", FieldTypes.parse("email", "ada@example.com"));

        Map<String, TypedValue> sealed = sealedFields.seal("lead-1", fields, KEY);

        assertThat(withoutSeal(sealed.get("ssn"))).isEqualTo(new TypedValue("ssn", "***********", "*********", true,
                Map.of("first_three", "***", "middle_two", "**", "last_four", "****", "masked", true)));
        assertThat(withoutSeal(sealed.get("password")))
                .isEqualTo(new TypedValue("credential", null, "*******", true, Map.of("masked", true)));
        assertThat(sealed.get("email")).isSameAs(fields.get("email"));
        assertThat(sealed.get("ssn").sealed()).startsWith("v1:leadflow-field-key:").doesNotContain("6789");

        Lead opened = sealedFields.open(view("lead-1", sealed)).lead();
        assertThat(opened.fields()).isEqualTo(fields);
    }

    @Test
    void aSealedValueDoesNotOpenForAnotherLeadOrField() {
        TypedValue ssn = sealedFields.seal("lead-1", fields("ssn", FieldTypes.parse("ssn", "123456789")), KEY)
                .get("ssn");

        assertThatThrownBy(() -> sealedFields.open(view("lead-2", fields("ssn", ssn))))
                .isInstanceOf(SealedFields.SealException.class)
                .hasMessage("Sealed field ssn does not open with the key in secret leadflow-field-key");
        assertThatThrownBy(() -> sealedFields.open(view("lead-1", fields("ssn_2", ssn))))
                .hasMessage("Sealed field ssn_2 does not open with the key in secret leadflow-field-key");
    }

    @Test
    void aViewWithoutSealedFieldsIsLeftAsItIs() {
        LeadView view = view("lead-1", fields("email", FieldTypes.parse("email", "ada@example.com")));

        assertThat(sealedFields.open(view)).isSameAs(view);
    }

    @Test
    void keyProblemsAreNamedWithoutTheKey() {
        assertThatThrownBy(() -> sealedFields.requireKey("missing"))
                .hasMessage("The field encryption key is missing: secret missing is not in " + secrets);
        assertThatThrownBy(() -> sealedFields.requireKey("short-key"))
                .hasMessage("Secret short-key must hold 16, 24 or 32 bytes (base64), not 8");
    }

    private static LeadView view(String leadId, Map<String, TypedValue> fields) {
        return new LeadView(FLOW, new Lead(leadId, "loans", "rev", "web", Instant.EPOCH, fields), List.of());
    }

    private static TypedValue withoutSeal(TypedValue value) {
        return new TypedValue(value.type(), value.raw(), value.normal(), value.valid(), value.components());
    }

    private static Map<String, TypedValue> fields(Object... idsAndValues) {
        Map<String, TypedValue> fields = new LinkedHashMap<>();
        for (int i = 0; i < idsAndValues.length; i += 2) {
            fields.put((String) idsAndValues[i], (TypedValue) idsAndValues[i + 1]);
        }
        return fields;
    }
}
