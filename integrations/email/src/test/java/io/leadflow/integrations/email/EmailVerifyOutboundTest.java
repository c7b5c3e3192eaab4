package io.leadflow.integrations.email;
import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.integration.IntegrationEvent;
import io.leadflow.integration.Outcome;
import io.leadflow.integration.TypedValue;
import io.leadflow.integration.Vars;
import io.leadflow.integrations.email.testing.FakeDnsServer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every verdict of the verification, against a DNS server on 127.0.0.1 that answers from a table. */
class EmailVerifyOutboundTest {

    private static final FakeDnsServer DNS = new FakeDnsServer(Map.of(
            "gmail.com", new FakeDnsServer.Exchangers(List.of("gmail-smtp-in.l.google.com",
                    "alt1.gmail-smtp-in.l.google.com")),
            "buyer.example", new FakeDnsServer.Exchangers(List.of("mx.buyer.example")),
            "a-only.example", new FakeDnsServer.AddressOnly(),
            "no-mail.example", new FakeDnsServer.NullMx(),
            "web-only.example", new FakeDnsServer.Exchangers(List.of()),
            "broken.example", new FakeDnsServer.Failing(),
            "slow.example", new FakeDnsServer.Silent()));

    private final EmailVerifyOutbound verify = new EmailVerifyOutbound();

    @AfterAll
    static void stopDns() throws InterruptedException {
        DNS.close();
    }

    static Stream<Arguments> addresses() {
        return Stream.of(
                Arguments.of("Ada@Gmail.com", Outcome.SUCCESS, null, appended("deliverable", true,
                        "syntax_valid", true, "user", "Ada", "domain", "gmail.com", "free", true, "disposable", false,
                        "role", false, "typo", false, "mx_found", true,
                        "mx_hosts", List.of("gmail-smtp-in.l.google.com", "alt1.gmail-smtp-in.l.google.com"))),
                Arguments.of("sales+leads@buyer.example", Outcome.SUCCESS, null, appended("deliverable", true,
                        "syntax_valid", true, "user", "sales+leads", "domain", "buyer.example", "free", false,
                        "disposable", false, "role", true, "typo", false, "mx_found", true,
                        "mx_hosts", List.of("mx.buyer.example"))),
                Arguments.of("ada@a-only.example", Outcome.SUCCESS, null, appended("deliverable", true,
                        "syntax_valid", true, "user", "ada", "domain", "a-only.example", "free", false,
                        "disposable", false, "role", false, "typo", false, "mx_found", false, "mx_hosts", List.of())),
                Arguments.of("ada@no-mail.example", Outcome.FAILURE, "Domain accepts no email", appended(
                        "deliverable", false, "syntax_valid", true, "user", "ada", "domain", "no-mail.example",
                        "free", false, "disposable", false, "role", false, "typo", false, "mx_found", false,
                        "mx_hosts", List.of())),
                Arguments.of("ada@web-only.example", Outcome.FAILURE, "Domain has no mail server", appended(
                        "deliverable", false, "syntax_valid", true, "user", "ada", "domain", "web-only.example",
                        "free", false, "disposable", false, "role", false, "typo", false, "mx_found", false,
                        "mx_hosts", List.of())),
                Arguments.of("ada@nowhere.example", Outcome.FAILURE, "Domain does not exist", appended(
                        "deliverable", false, "syntax_valid", true, "user", "ada", "domain", "nowhere.example",
                        "free", false, "disposable", false, "role", false, "typo", false, "mx_found", false,
                        "mx_hosts", List.of())),
                Arguments.of("ada@gmial.com", Outcome.FAILURE, "Domain looks like a typo of gmail.com", appended(
                        "deliverable", false, "syntax_valid", true, "user", "ada", "domain", "gmial.com",
                        "free", false, "disposable", false, "role", false, "typo", true,
                        "suggestion", "ada@gmail.com")),
                Arguments.of("bob@mailinator.com", Outcome.FAILURE, "Disposable email domain", appended(
                        "deliverable", false, "syntax_valid", true, "user", "bob", "domain", "mailinator.com",
                        "free", false, "disposable", true, "role", false, "typo", false)),
                Arguments.of("not an address", Outcome.FAILURE, "Invalid email address", appended(
                        "deliverable", false, "syntax_valid", false)),
                Arguments.of("ada@broken.example", Outcome.ERROR, "DNS lookup of the domain failed: SERVFAIL", appended(
                        "syntax_valid", true, "user", "ada", "domain", "broken.example", "free", false,
                        "disposable", false, "role", false, "typo", false)),
                Arguments.of("ada@slow.example", Outcome.ERROR, "DNS lookup of the domain timed out after 0.5 s",
                        appended("syntax_valid", true, "user", "ada", "domain", "slow.example", "free", false,
                                "disposable", false, "role", false, "typo", false)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("addresses")
    void tellsWhetherMailCanBeDelivered(String email, Outcome outcome, String reason, Map<String, Object> appended) {
        Vars vars = Vars.of(Map.of("email", email, "dns_server", DNS.address(), "timeout_seconds", 0.5));

        assertThat(verify.validate(vars)).isEmpty();
        assertThat(verify.handle(vars, null).join()).isEqualTo(new IntegrationEvent(outcome, reason, null, null, appended));
    }

    @Test
    void readsATypedEmailFieldAsTheSourceSentIt() {
        TypedValue field = new TypedValue("email", "Ada@Buyer.Example", "ada@buyer.example", true, Map.of());

        IntegrationEvent event = verify.handle(Vars.of(Map.of("email", field, "dns_server", DNS.address())), null).join();

        assertThat(event.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(event.appended()).containsEntry("user", "Ada").containsEntry("domain", "buyer.example");
    }

    @Test
    void validatesItsVariables() {
        assertThat(verify.validate(Vars.empty())).contains("Email is required");
        assertThat(verify.validate(Vars.of(Map.of("email", "ada@gmail.com", "dns_server", "dns.example"))))
                .contains("DNS server must be an IP address with an optional port, such as 10.0.0.2 or 127.0.0.1:5353");
        assertThat(verify.validate(Vars.of(Map.of("email", "ada@gmail.com", "dns_server", "300.1.1.1")))).isPresent();
        assertThat(verify.validate(Vars.of(Map.of("email", "ada@gmail.com", "timeout_seconds", "soon"))))
                .contains("Timeout must be a positive number of seconds");
        for (String server : List.of("10.0.0.2", "127.0.0.1:5353", "::1", "[::1]:5353")) {
            assertThat(verify.validate(Vars.of(Map.of("email", "ada@gmail.com", "dns_server", server))))
                    .as(server).isEmpty();
        }
    }

    private static Map<String, Object> appended(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
