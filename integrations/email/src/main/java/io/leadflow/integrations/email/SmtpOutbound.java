package io.leadflow.integrations.email;

import io.leadflow.integration.HandleOutbound;
import io.leadflow.integration.IntegrationEvent;
import io.leadflow.integration.IntegrationSettings;
import io.leadflow.integration.OutboundTransport;
import io.leadflow.integration.Outcome;
import io.leadflow.integration.TypedValue;
import io.leadflow.integration.VariableSpec;
import io.leadflow.integration.Vars;
import io.leadflow.integration.types.Masking;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * {@code email.outbound.smtp}: mails the lead over SMTP (Jakarta Mail) to the server of the step's {@code smtp}
 * credential. Accepted: success with the Message-ID as reference; a recipient or the message refused for good (5xx):
 * failure with the server's reply; refused for now (4xx), login refused, no connection or no answer in time: error.
 */
public final class SmtpOutbound implements HandleOutbound {

    private static final VariableSpec FROM = VariableSpec.required("from", "email", "The sender's address");
    private static final VariableSpec TO = VariableSpec.required("to", "string",
            "Recipients, separated by commas (sales@buyer.example, Ops <ops@buyer.example>)");
    private static final VariableSpec CC = VariableSpec.optional("cc", "string", "Copy recipients");
    private static final VariableSpec BCC = VariableSpec.optional("bcc", "string", "Blind copy recipients");
    private static final VariableSpec REPLY_TO = VariableSpec.optional("reply_to", "string", "Where replies go");
    private static final VariableSpec SUBJECT = VariableSpec.optional("subject", "string", "New lead",
            "The subject, e.g. \"New lead: {{lead.first_name}} {{lead.last_name}}\"");
    private static final VariableSpec TEXT = VariableSpec.optional("text", "string",
            "The plain-text body (a template over lead.* and appended.*); without text and html: the lead's fields");
    private static final VariableSpec HTML = VariableSpec.optional("html", "string",
            "The HTML body, sent with the text one as alternatives; values are inserted as they are, not escaped");
    private static final VariableSpec LEAD = VariableSpec.optional("lead.*", "wildcard",
            "The lead's fields, listed in the default body (ssn, dob and credentials masked)");
    private static final int MAX_CONCURRENT_SENDS = 16;

    private final boolean allowPrivateNetworks;
    private final ExecutorService sends;

    public SmtpOutbound(IntegrationSettings settings) {
        this.allowPrivateNetworks = settings.allowPrivateNetworks();
        AtomicInteger threads = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(MAX_CONCURRENT_SENDS, MAX_CONCURRENT_SENDS, 60,
                TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "smtp-send-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        executor.allowCoreThreadTimeOut(true);
        this.sends = executor;
    }

    @Override
    public String id() {
        return "email.outbound.smtp";
    }

    @Override
    public List<VariableSpec> requestVariables() {
        return List.of(FROM, TO, CC, BCC, REPLY_TO, SUBJECT, TEXT, HTML, LEAD, EmailVerifyOutbound.TIMEOUT,
                VariableSpec.optional("credential.*", "credential",
                        "The step's smtp credential: host, port, security, username, password"));
    }

    @Override
    public List<VariableSpec> responseVariables() {
        return List.of(
                VariableSpec.optional("message_id", "string", "The Message-ID of the mail sent (also the reference)"),
                VariableSpec.optional("server_response", "string", "The server's last reply (250 2.0.0 Ok: queued)"),
                VariableSpec.optional("recipients", "number", "How many recipients the server accepted"));
    }

    @Override
    public Optional<String> validate(Vars vars) {
        SmtpServer.Result server = SmtpServer.from(vars);
        if (server.problem() != null) {
            return Optional.of(server.problem());
        }
        Optional<String> from = vars.text(FROM.name());
        if (from.isEmpty()) {
            return Optional.of("From is required");
        }
        if (addresses(from.get()).filter(list -> list.size() == 1).isEmpty()) {
            return Optional.of("From must be one email address");
        }
        if (vars.text(TO.name()).isEmpty()) {
            return Optional.of("To is required");
        }
        for (VariableSpec list : List.of(TO, CC, BCC, REPLY_TO)) {
            Optional<String> text = vars.text(list.name());
            if (text.isPresent() && addresses(text.get()).isEmpty()) {
                return Optional.of(label(list) + " must be email addresses separated by commas");
            }
        }
        Duration timeout = Timeouts.of(vars, EmailVerifyOutbound.TIMEOUT.name());
        if (timeout.isZero() || timeout.isNegative()) {
            return Optional.of("Timeout must be a positive number of seconds");
        }
        return Optional.empty();
    }

    @Override
    public CompletableFuture<IntegrationEvent> handle(Vars vars, OutboundTransport transport) {
        SmtpServer server = SmtpServer.from(vars).server();
        return CompletableFuture.supplyAsync(() -> send(server, vars), sends);
    }

    private IntegrationEvent send(SmtpServer server, Vars vars) {
        Optional<String> refused = refusedHost(server);
        if (refused.isPresent()) {
            return IntegrationEvent.of(Outcome.ERROR, refused.get());
        }
        Duration timeout = Timeouts.of(vars, EmailVerifyOutbound.TIMEOUT.name());
        Session session = Session.getInstance(properties(server, timeout));
        try {
            MimeMessage message = message(session, vars);
            try (SMTPTransport transport = (SMTPTransport) session.getTransport(
                    server.security() == SmtpServer.Security.TLS ? "smtps" : "smtp")) {
                transport.connect(server.host(), server.port(), server.username(), server.password());
                transport.sendMessage(message, message.getAllRecipients());
                Map<String, Object> appended = new LinkedHashMap<>();
                appended.put("message_id", message.getMessageID());
                appended.put("server_response", transport.getLastServerResponse().trim());
                appended.put("recipients", (long) message.getAllRecipients().length);
                return new IntegrationEvent(Outcome.SUCCESS, null, null, message.getMessageID(), appended);
            }
        } catch (MessagingException e) {
            return refusal(server, e, timeout);
        }
    }

    /** The event for what went wrong: a permanent (5xx) refusal is a failure, anything else an error. */
    private static IntegrationEvent refusal(SmtpServer server, MessagingException e, Duration timeout) {
        if (e instanceof AuthenticationFailedException) {
            return IntegrationEvent.of(Outcome.ERROR, "SMTP server " + server.address() + " refused the login"
                    + reply(e.getMessage()));
        }
        if (e instanceof SendFailedException failed) {
            for (Exception next = failed.getNextException(); next != null;
                    next = next instanceof MessagingException chained ? chained.getNextException() : null) {
                if (next instanceof SMTPAddressFailedException address) {
                    return refused("SMTP server refused a recipient", address.getReturnCode(), address.getMessage());
                }
            }
            if (failed instanceof SMTPSendFailedException send) {
                return refused("SMTP server refused the message", send.getReturnCode(), send.getMessage());
            }
            return refused("SMTP server refused the message", 0, failed.getMessage());
        }
        Throwable cause = e;
        while (cause.getCause() != null && !(cause instanceof IOException)) {
            cause = cause.getCause();
        }
        if (cause instanceof SocketTimeoutException) {
            return IntegrationEvent.of(Outcome.ERROR, "SMTP server " + server.address() + " did not answer within "
                    + MailExchangers.seconds(timeout));
        }
        if (cause instanceof ConnectException || cause instanceof UnknownHostException) {
            return IntegrationEvent.of(Outcome.ERROR, "Could not connect to SMTP server " + server.address()
                    + " (" + cause.getClass().getSimpleName() + ")");
        }
        return IntegrationEvent.of(Outcome.ERROR, "SMTP with " + server.address() + " failed: "
                + (cause instanceof IOException ? cause.getClass().getSimpleName() : firstLine(e.getMessage())));
    }

    private static IntegrationEvent refused(String what, int code, String reply) {
        return IntegrationEvent.of(code >= 400 && code < 500 ? Outcome.ERROR : Outcome.FAILURE, what + reply(reply));
    }

    private static String reply(String message) {
        return message == null || message.isBlank() ? "" : ": " + firstLine(message);
    }

    private static String firstLine(String text) {
        return text == null ? "" : text.strip().lines().findFirst().orElse("");
    }

    /** Why the server may not be used: a loopback, private or link-local address when those are not allowed. */
    private Optional<String> refusedHost(SmtpServer server) {
        if (allowPrivateNetworks) {
            return Optional.empty();
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(server.host())) {
                if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                        || address.isAnyLocalAddress() || address.isMulticastAddress()
                        || (address.getAddress().length == 16 && (address.getAddress()[0] & 0xfe) == 0xfc)) {
                    return Optional.of("SMTP server " + server.address() + " must be public");
                }
            }
            return Optional.empty();
        } catch (UnknownHostException e) {
            return Optional.of("Could not connect to SMTP server " + server.address() + " (UnknownHostException)");
        }
    }

    private static Properties properties(SmtpServer server, Duration timeout) {
        String protocol = server.security() == SmtpServer.Security.TLS ? "smtps" : "smtp";
        String millis = String.valueOf(timeout.toMillis());
        Properties properties = new Properties();
        properties.put("mail." + protocol + ".connectiontimeout", millis);
        properties.put("mail." + protocol + ".timeout", millis);
        properties.put("mail." + protocol + ".writetimeout", millis);
        properties.put("mail." + protocol + ".auth", String.valueOf(server.username() != null));
        properties.put("mail." + protocol + ".ssl.checkserveridentity", "true");
        if (server.security() == SmtpServer.Security.STARTTLS) {
            properties.put("mail.smtp.starttls.enable", "true");
            properties.put("mail.smtp.starttls.required", "true");
        }
        return properties;
    }

    private static MimeMessage message(Session session, Vars vars) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(addresses(vars.text(FROM.name()).orElseThrow()).orElseThrow().get(0));
        message.setRecipients(RecipientType.TO, addresses(vars.text(TO.name()).orElseThrow()).orElseThrow()
                .toArray(InternetAddress[]::new));
        for (Map.Entry<RecipientType, VariableSpec> copy : Map.of(RecipientType.CC, CC, RecipientType.BCC, BCC).entrySet()) {
            Optional<String> text = vars.text(copy.getValue().name());
            if (text.isPresent()) {
                message.setRecipients(copy.getKey(), addresses(text.get()).orElseThrow().toArray(InternetAddress[]::new));
            }
        }
        Optional<String> replyTo = vars.text(REPLY_TO.name());
        if (replyTo.isPresent()) {
            message.setReplyTo(addresses(replyTo.get()).orElseThrow().toArray(InternetAddress[]::new));
        }
        message.setSubject(vars.text(SUBJECT.name()).orElse(SUBJECT.defaultValue()), StandardCharsets.UTF_8.name());
        Optional<String> html = vars.text(HTML.name());
        String text = vars.text(TEXT.name()).orElseGet(() -> html.isPresent() ? null : fieldList(vars));
        if (html.isEmpty()) {
            message.setText(text, StandardCharsets.UTF_8.name());
        } else if (text == null) {
            message.setContent(html.get(), "text/html; charset=UTF-8");
        } else {
            MimeMultipart alternatives = new MimeMultipart("alternative");
            MimeBodyPart plain = new MimeBodyPart();
            plain.setText(text, StandardCharsets.UTF_8.name());
            MimeBodyPart rich = new MimeBodyPart();
            rich.setContent(html.get(), "text/html; charset=UTF-8");
            alternatives.addBodyPart(plain);
            alternatives.addBodyPart(rich);
            message.setContent(alternatives);
        }
        message.saveChanges();
        return message;
    }

    /** The default body: each lead field on its own line, as {@code name: value}, maskable values masked. */
    static String fieldList(Vars vars) {
        StringBuilder body = new StringBuilder("New lead\n");
        vars.group("lead").forEach((name, value) -> {
            Object shown = value instanceof TypedValue typed ? Masking.mask(typed).outboundValue() : value;
            body.append('\n').append(name).append(": ").append(shown == null ? "" : shown);
        });
        return body.toString();
    }

    /** Addresses separated by commas (or semicolons), each {@code a@b.c} or {@code Name <a@b.c>}; empty if any is not. */
    static Optional<List<InternetAddress>> addresses(String text) {
        List<InternetAddress> addresses = new ArrayList<>();
        try {
            for (InternetAddress address : InternetAddress.parse(text.replace(';', ','), true)) {
                address.validate();
                addresses.add(address);
            }
        } catch (AddressException e) {
            return Optional.empty();
        }
        return addresses.isEmpty() ? Optional.empty() : Optional.of(addresses);
    }

    private static String label(VariableSpec spec) {
        return switch (spec.name()) {
            case "to" -> "To";
            case "cc" -> "Cc";
            case "bcc" -> "Bcc";
            default -> "Reply-To";
        };
    }
}
