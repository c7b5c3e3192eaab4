package io.leadflow.integration.types;

import static io.leadflow.integration.types.Parsed.value;
import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.integration.TypedValue;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailTypeTest {

    private final EmailType email = new EmailType();

    @Test
    void lowerCasesNormalFormButKeepsCaseOfComponents() {
        assertThat(email.parse("User@Domain.Com")).isEqualTo(address("User@Domain.Com", "user@domain.com",
                "User", "Domain.Com", "Domain", "Com", false, false));
    }

    @Test
    void keepsPlusInUserAndSubdomainsInHost() {
        assertThat(email.parse("user+hola@bar.baz.com")).isEqualTo(address("user+hola@bar.baz.com",
                "user+hola@bar.baz.com", "user+hola", "bar.baz.com", "bar.baz", "com", false, false));
    }

    @Test
    void dropsWhitespaceAroundAddressAndDots() {
        assertThat(email.parse(" user@domain.com ")).isEqualTo(address(" user@domain.com ", "user@domain.com",
                "user", "domain.com", "domain", "com", false, false));
        assertThat(email.parse("p. j. butter@gmail.com")).isEqualTo(address("p. j. butter@gmail.com",
                "p.j.butter@gmail.com", "p.j.butter", "gmail.com", "gmail", "com", true, false));
    }

    @Test
    void acceptsEverySymbolOfAnAtomAndNonAsciiUsers() {
        String symbols = "a!#$%&'*+/=?^_`{|}~-b";
        assertThat(email.parse(symbols + "@x-y.co")).isEqualTo(address(symbols + "@x-y.co", symbols + "@x-y.co",
                symbols, "x-y.co", "x-y", "co", false, false));
        assertThat(email.parse("élève@b.com")).isEqualTo(address("élève@b.com", "élève@b.com", "élève", "b.com", "b",
                "com", false, false));
    }

    @Test
    void readsAddressOfNamedMailbox() {
        assertThat(email.parse("Bob Smith <Bob@Example.org>")).isEqualTo(address("Bob Smith <Bob@Example.org>",
                "bob@example.org", "Bob", "Example.org", "Example", "org", false, false));
    }

    @Test
    void marksFreeMailFreeAndDisposableMailBoth() {
        assertThat(email.parse("smith@yahoo.com").components()).containsEntry("is_free", true).containsEntry("is_disposable", false);
        assertThat(email.parse("smith@guerrillamail.com").components())
                .containsEntry("is_free", true).containsEntry("is_disposable", true);
        assertThat(email.parse("test@activeprospect.com").components())
                .containsEntry("is_free", false).containsEntry("is_disposable", false);
    }

    @ParameterizedTest(name = "\"{0}\" is not an email address")
    @ValueSource(strings = {"Asdf", "", "user@", "@domain.com", "user@domain", "a b@domain.com", "user@do main.com",
            "user@-domain.com", "a@b@c.com", "hello@//gmail.xn--om.3ia", ".a@b.com", "a..b@c.com", "a.@b.com",
            "user@a-.com", "user@a..com", "user@domain.com."})
    void rejectsTextThatIsNotAnAddress(String text) {
        assertThat(email.parse(text)).isEqualTo(value("email", text, text, false));
    }

    @Test
    void rejectsStructuresAsTheirJavaScriptText() {
        assertThat(email.parse(Map.of("foo", 42))).isEqualTo(value("email", "[object Object]", "[object Object]", false));
    }

    @Test
    void keepsFirstRawWhenParsedAgain() {
        assertThat(email.parse(email.parse("USER@domain.com"))).isEqualTo(address("USER@domain.com",
                "user@domain.com", "USER", "domain.com", "domain", "com", false, false));
    }

    private static TypedValue address(String raw, String normal, String user, String domain, String host, String tld,
            boolean free, boolean disposable) {
        return value("email", raw, normal, true, "user", user, "domain", domain, "host", host, "tld", tld,
                "is_free", free, "is_disposable", disposable);
    }
}
