package io.leadflow.integrations.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.integration.IntegrationEvent;
import io.leadflow.integration.IntegrationSettings;
import io.leadflow.integration.Outcome;
import io.leadflow.integration.TypedValue;
import io.leadflow.integration.Vars;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Mail sent to a real SMTP server (GreenMail on 127.0.0.1), one that refuses recipients, one that is down, one mute. */
class SmtpOutboundTest {

    private static final RefusingGreenMail SERVER = new RefusingGreenMail();
    private final SmtpOutbound smtp = new SmtpOutbound(new IntegrationSettings(true));

    @BeforeAll
    static void start() {
        SERVER.start();
        SERVER.setUser("leads@leadflow.example", "leads", "s3cret");
    }

    @AfterAll
    static void stop() {
        SERVER.stop();
    }

    @BeforeEach
    void emptyMailboxes() throws Exception {
        SERVER.purgeEmailFromAllMailboxes();
    }

    private static Map<String, Object> vars(int port, Object... pairs) {
        Map<String, Object> vars = new LinkedHashMap<>(Map.of("credential.type", "smtp", "credential.name", "mail",
                "credential.host", "127.0.0.1", "credential.port", String.valueOf(port), "credential.security", "none",
                "from", "Leadflow <leads@leadflow.example>", "to", "sales@buyer.example"));
        for (int i = 0; i < pairs.length; i += 2) {
            vars.put((String) pairs[i], pairs[i + 1]);
        }
        return vars;
    }

    private IntegrationEvent send(Map<String, Object> vars) {
        Vars rendered = Vars.fromPaths(vars);
        assertThat(smtp.validate(rendered)).isEmpty();
        return smtp.handle(rendered, null).join();
    }

    @Test
    void mailsTheLeadToEveryRecipientWithTextAndHtmlBodies() throws Exception {
        IntegrationEvent event = send(vars(SERVER.port(), "to", "sales@buyer.example, Ops <ops@buyer.example>",
                "cc", "manager@buyer.example", "bcc", "audit@leadflow.example", "subject", "New lead: Ada Lovelace",
                "text", "Ada Lovelace, 512-789-1111", "html", "<p>Ada Lovelace</p>",
                "credential.username", "leads", "credential.password", "s3cret"));

        MimeMessage[] received = SERVER.getReceivedMessages();
        assertThat(received).hasSize(4);
        MimeMessage mail = received[0];
        assertThat(event.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(event.reference()).isEqualTo(mail.getMessageID());
        assertThat(event.appended()).containsEntry("message_id", mail.getMessageID()).containsEntry("recipients", 4L);
        assertThat(event.appended().get("server_response").toString()).startsWith("250");
        assertThat(mail.getSubject()).isEqualTo("New lead: Ada Lovelace");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("Leadflow <leads@leadflow.example>");
        assertThat(Arrays.stream(mail.getRecipients(RecipientType.TO)).map(Object::toString))
                .containsExactly("sales@buyer.example", "Ops <ops@buyer.example>");
        assertThat(mail.getRecipients(RecipientType.CC)[0].toString()).isEqualTo("manager@buyer.example");
        assertThat(mail.getRecipients(RecipientType.BCC)).isNull();
        MimeMultipart alternatives = (MimeMultipart) mail.getContent();
        assertThat(alternatives.getContentType()).startsWith("multipart/alternative");
        assertThat(alternatives.getBodyPart(0).getContent()).isEqualTo("Ada Lovelace, 512-789-1111");
        assertThat(alternatives.getBodyPart(1).getContentType()).startsWith("text/html");
        assertThat(alternatives.getBodyPart(1).getContent()).isEqualTo("<p>Ada Lovelace</p>");
    }

    @Test
    void withoutBodiesSendsTheLeadsFieldsWithSensitiveOnesMasked() throws Exception {
        send(vars(SERVER.port(), "lead.first_name", "Ada",
                "lead.ssn", new TypedValue("ssn", "123-45-6789", "123456789", true, Map.of("masked", false)),
                "lead.phone_1", new TypedValue("phone", "512-789-1111", "5127891111", true, Map.of())));

        MimeMessage mail = SERVER.getReceivedMessages()[0];
        assertThat(mail.getSubject()).isEqualTo("New lead");
        assertThat(mail.getContent().toString().replace("\r\n", "\n")).isEqualTo("New lead\n\nfirst_name: Ada\nssn: *********\nphone_1: 5127891111");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            refused for good  | unknown@buyer.example | FAILURE | SMTP server refused a recipient: 550 5.1.1 <unknown@buyer.example>: Recipient address rejected: User unknown
            refused for now   | busy@buyer.example    | ERROR   | SMTP server refused a recipient: 450 4.2.1 <busy@buyer.example>: Mailbox busy, try again later
            """)
    void aRefusedRecipientIsTheServersReply(String kind, String to, Outcome outcome, String reason) {
        IntegrationEvent event = send(vars(SERVER.port(), "to", "sales@buyer.example, " + to));

        assertThat(event).isEqualTo(IntegrationEvent.of(outcome, reason));
        assertThat(SERVER.getReceivedMessages()).isEmpty();
    }

    @Test
    void aRefusedLoginIsAnError() {
        IntegrationEvent event = send(vars(SERVER.port(), "credential.username", "leads",
                "credential.password", "wrong"));

        assertThat(event.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(event.reason()).startsWith("SMTP server 127.0.0.1:" + SERVER.port() + " refused the login")
                .doesNotContain("wrong");
    }

    @Test
    void aServerThatIsDownIsAnError() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        assertThat(send(vars(closedPort))).isEqualTo(IntegrationEvent.of(Outcome.ERROR,
                "Could not connect to SMTP server 127.0.0.1:" + closedPort + " (ConnectException)"));
    }

    @Test
    void aServerThatNeverAnswersIsATimeout() throws IOException {
        try (ServerSocket mute = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThat(send(vars(mute.getLocalPort(), "timeout_seconds", 0.3))).isEqualTo(IntegrationEvent.of(
                    Outcome.ERROR, "SMTP server 127.0.0.1:" + mute.getLocalPort() + " did not answer within 0.3 s"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            starttls is required  | starttls | SMTP with 127.0.0.1:PORT failed: STARTTLS is required but host does not support STARTTLS
            tls from the start    | tls      | SMTP with 127.0.0.1:PORT failed: SSLException
            """)
    void neverFallsBackToPlainTextWithAServerWithoutTls(String kind, String security, String reason) {
        IntegrationEvent event = send(vars(SERVER.port(), "credential.security", security,
                "credential.username", "leads", "credential.password", "s3cret"));

        assertThat(event).isEqualTo(IntegrationEvent.of(Outcome.ERROR, reason.replace("PORT",
                String.valueOf(SERVER.port()))));
        assertThat(SERVER.getReceivedMessages()).isEmpty();
    }

    @Test
    void privateServersAreRefusedUnlessAllowed() {
        Vars rendered = Vars.fromPaths(vars(SERVER.port()));
        SmtpOutbound production = new SmtpOutbound(IntegrationSettings.defaults());

        assertThat(production.handle(rendered, null).join()).isEqualTo(IntegrationEvent.of(Outcome.ERROR,
                "SMTP server 127.0.0.1:" + SERVER.port() + " must be public"));
        assertThat(SERVER.getReceivedMessages()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            no credential       | credential.type     | -                 | SMTP server is required: give the step a credential of type smtp
            unknown security    | credential.security | ssl               | SMTP security must be starttls, tls or none
            bad port            | credential.port     | 70000             | SMTP port must be a port number
            no from             | from                | -                 | From is required
            two senders         | from                | a@b.example, c@d.example | From must be one email address
            no to               | to                  | -                 | To is required
            bad to              | to                  | sales at buyer    | To must be email addresses separated by commas
            bad cc              | cc                  | x@@y              | Cc must be email addresses separated by commas
            bad timeout         | timeout_seconds     | 0                 | Timeout must be a positive number of seconds
            """)
    void validatesItsVariables(String problem, String name, String value, String message) {
        Map<String, Object> vars = vars(25);
        if (value == null) {
            vars.remove(name);
        } else {
            vars.put(name, value);
        }

        assertThat(smtp.validate(Vars.fromPaths(vars))).contains(message);
    }

    @Test
    void theCatalogListsItsVariables() {
        assertThat(smtp.requestVariables()).extracting(spec -> spec.name()).containsExactly("from", "to", "cc", "bcc",
                "reply_to", "subject", "text", "html", "lead.*", "timeout_seconds", "credential.*");
        assertThat(smtp.responseVariables()).extracting(spec -> spec.name())
                .isEqualTo(List.of("message_id", "server_response", "recipients"));
    }
}
