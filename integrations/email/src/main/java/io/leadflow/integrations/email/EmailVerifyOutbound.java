package io.leadflow.integrations.email;

import io.leadflow.integration.HandleOutbound;
import io.leadflow.integration.IntegrationEvent;
import io.leadflow.integration.IntegrationException;
import io.leadflow.integration.OutboundTransport;
import io.leadflow.integration.Outcome;
import io.leadflow.integration.TypedValue;
import io.leadflow.integration.VariableSpec;
import io.leadflow.integration.Vars;
import io.leadflow.integration.types.FieldTypes;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * {@code email.outbound.verify}: checks an address's syntax, its domain against the bundled free, disposable and typo
 * lists, its mailbox against role names, and the domain's mail servers (MX) in DNS, and tells whether mail to it can
 * be delivered: success when it can, failure with the reason when not, error when DNS could not tell.
 */
public final class EmailVerifyOutbound implements HandleOutbound {

    static final VariableSpec EMAIL = VariableSpec.required("email", "email", "The email address to verify");
    static final VariableSpec DNS_SERVER = VariableSpec.optional("dns_server", "string",
            "The DNS resolver to ask (10.0.0.2, 127.0.0.1:5353, [::1]:53); default: the machine's resolvers");
    static final VariableSpec TIMEOUT = VariableSpec.optional("timeout_seconds", "number", "10",
            "How long the DNS lookup may take (the platform gives the step's timeout)");

    @Override
    public String id() {
        return "email.outbound.verify";
    }

    @Override
    public List<VariableSpec> requestVariables() {
        return List.of(EMAIL, DNS_SERVER, TIMEOUT);
    }

    @Override
    public List<VariableSpec> responseVariables() {
        return List.of(
                VariableSpec.optional("deliverable", "boolean", "Whether mail to the address can be delivered "
                        + "(the step's reason says why not)"),
                VariableSpec.optional("syntax_valid", "boolean", "Whether the address is well formed"),
                VariableSpec.optional("user", "string", "The mailbox part, before @"),
                VariableSpec.optional("domain", "string", "The domain, lower-cased"),
                VariableSpec.optional("free", "boolean", "A free web-mail domain (gmail.com, yahoo.com, ...)"),
                VariableSpec.optional("disposable", "boolean", "A throw-away mail domain (mailinator.com, ...)"),
                VariableSpec.optional("role", "boolean", "A shared mailbox (info@, sales@, admin@, ...)"),
                VariableSpec.optional("typo", "boolean", "The domain looks like a typo of a popular one"),
                VariableSpec.optional("suggestion", "email", "The address with the popular domain (ada@gmail.com)"),
                VariableSpec.optional("mx_found", "boolean", "Whether the domain names mail servers (MX records)"),
                VariableSpec.optional("mx_hosts", "array", "Its mail servers, most preferred first"));
    }

    @Override
    public Optional<String> validate(Vars vars) {
        if (address(vars).isEmpty()) {
            return Optional.of("Email is required");
        }
        Optional<String> server = vars.text(DNS_SERVER.name());
        if (server.isPresent() && MailExchangers.parseServer(server.get()).isEmpty()) {
            return Optional.of("DNS server must be an IP address with an optional port, such as 10.0.0.2 or "
                    + "127.0.0.1:5353");
        }
        if (timeout(vars).isZero() || timeout(vars).isNegative()) {
            return Optional.of("Timeout must be a positive number of seconds");
        }
        return Optional.empty();
    }

    @Override
    public CompletableFuture<IntegrationEvent> handle(Vars vars, OutboundTransport transport) {
        TypedValue email = FieldTypes.parse("email", address(vars).orElse(""));
        Map<String, Object> appended = new LinkedHashMap<>();
        if (!email.valid()) {
            appended.put("deliverable", false);
            appended.put("syntax_valid", false);
            return CompletableFuture.completedFuture(event(Outcome.FAILURE, "Invalid email address", appended));
        }
        String user = email.components().get("user").toString();
        String domain = email.components().get("domain").toString().toLowerCase(Locale.ROOT);
        Optional<String> typo = DomainLists.typoOf(domain);
        appended.put("syntax_valid", true);
        appended.put("user", user);
        appended.put("domain", domain);
        appended.put("free", DomainLists.isFree(domain));
        appended.put("disposable", DomainLists.isDisposable(domain));
        appended.put("role", DomainLists.isRole(user));
        appended.put("typo", typo.isPresent());
        typo.ifPresent(popular -> appended.put("suggestion", user + "@" + popular));
        if (DomainLists.isDisposable(domain)) {
            return undeliverable(appended, "Disposable email domain");
        }
        if (typo.isPresent()) {
            return undeliverable(appended, "Domain looks like a typo of " + typo.get());
        }
        MailExchangers exchangers = MailExchangers.using(
                vars.text(DNS_SERVER.name()).flatMap(MailExchangers::parseServer), timeout(vars));
        return exchangers.lookup(domain).handle((answer, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                return event(Outcome.ERROR, cause instanceof IntegrationException ? cause.getMessage()
                        : "DNS lookup of the domain failed", appended);
            }
            appended.put("mx_found", answer.verdict() == MailExchangers.Verdict.MX);
            appended.put("mx_hosts", answer.hosts());
            String reason = switch (answer.verdict()) {
                case MX, IMPLICIT_MX -> null;
                case NULL_MX -> "Domain accepts no email";
                case NO_MAIL_SERVER -> "Domain has no mail server";
                case NO_DOMAIN -> "Domain does not exist";
            };
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("deliverable", reason == null);
            result.putAll(appended);
            return event(reason == null ? Outcome.SUCCESS : Outcome.FAILURE, reason, result);
        });
    }

    private static CompletableFuture<IntegrationEvent> undeliverable(Map<String, Object> appended, String reason) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("deliverable", false);
        result.putAll(appended);
        return CompletableFuture.completedFuture(event(Outcome.FAILURE, reason, result));
    }

    private static IntegrationEvent event(Outcome outcome, String reason, Map<String, Object> appended) {
        return new IntegrationEvent(outcome, reason, null, null, appended);
    }

    /** The address as the source sent it (a typed email field's raw text). */
    private static Optional<String> address(Vars vars) {
        Object value = vars.get(EMAIL.name());
        if (value instanceof TypedValue typed) {
            value = typed.raw();
        }
        return value == null || value instanceof Map || value.toString().isBlank()
                ? Optional.empty() : Optional.of(value.toString().trim());
    }

    static Duration timeout(Vars vars) {
        return Timeouts.of(vars, TIMEOUT.name());
    }
}
