package io.leadflow.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.leadflow.integrations.email.testing.FakeDnsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The whole pipeline for the end-to-end tests, started once per test run and shared: one embedded KRaft broker,
 * the four services, WireMock playing the partners the e2e flow talks to (a phone-check data service and
 * Buyer ABC), an SMTP server (GreenMail) and a DNS server for the email checks. Inject it as a test method parameter.
 */
final class Pipeline implements AutoCloseable {

    static final String BUYER_API_KEY = "e2e-buyer-api-key";
    static final String BUYER_FEEDBACK_KEY = "e2e-buyer-feedback-key";
    /** Secrets of the integrations flow's credentials (IntegrationsIT). */
    static final Map<String, String> CREDENTIAL_SECRETS = Map.of("E2E_BUYER_PASSWORD", "pa55word",
            "E2E_BUYER_TOKEN", "buyer-token", "E2E_OAUTH_CLIENT_SECRET", "client-secret",
            "E2E_OAUTH_REFRESH_TOKEN", "refresh-0", "E2E_SMTP_PASSWORD", "mail-pa55",
            "E2E_TWILIO_AUTH_TOKEN", "twilio-token");
    /** The mail domains the email checks find in DNS (ChecksIT), each with its MX host; any other does not exist. */
    static final Map<String, String> MAIL_DOMAINS = Map.of("gmail.com", "gmail-smtp-in.l.google.com",
            "lovelace.example", "mx.lovelace.example");
    static final String ADMIN_TOKEN = "e2e-admin-token";

    private final EmbeddedKafkaBroker broker;
    private final WireMockServer partners;
    private final GreenMail mail;
    private final FakeDnsServer dns;
    private final LeadflowStack stack;
    private final Path stateDir;

    private Pipeline() throws IOException {
        stateDir = Files.createTempDirectory("leadflow-e2e");
        broker = new EmbeddedKafkaKraftBroker(1, 3).brokerProperties(Map.of(
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "offsets.topic.replication.factor", "1"));
        broker.afterPropertiesSet();
        partners = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        partners.start();
        stubPartners();
        mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        mail.setUser("leads@leadflow.example", "leads", CREDENTIAL_SECRETS.get("E2E_SMTP_PASSWORD"));
        dns = new FakeDnsServer(MAIL_DOMAINS.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                domain -> new FakeDnsServer.Exchangers(List.of(domain.getValue())))));
        Map<String, String> settings = new java.util.HashMap<>(CREDENTIAL_SECRETS);
        settings.put("E2E_SMTP_PORT", String.valueOf(mail.getSmtp().getPort()));
        settings.put("E2E_DNS_SERVER", dns.address());
        settings.putAll(Map.of(
                "E2E_PARTNER_URL", "http://127.0.0.1:" + partners.port(),
                "E2E_BUYER_API_KEY", BUYER_API_KEY,
                "E2E_BUYER_FEEDBACK_KEY", BUYER_FEEDBACK_KEY));
        stack = LeadflowStack.start(broker.getBrokersAsString(), flowsDir(), stateDir, settings, ADMIN_TOKEN);
    }

    String intakeUrl() {
        return stack.intakeUrl();
    }

    String feedbackUrl() {
        return stack.feedbackUrl();
    }

    String listsUrl() {
        return stack.enhancementUrl();
    }

    /** The WireMock server playing every partner; a test may add the stubs of its own partners. */
    WireMockServer partners() {
        return partners;
    }

    /** The SMTP server the flows' mail steps send to. */
    GreenMail mail() {
        return mail;
    }

    String deliveryUrl() {
        return stack.deliveryUrl();
    }

    /** From now on Buyer ABC accepts the lead with this email, whatever it answered before. */
    void buyerAccepts(String email) {
        partners.stubFor(post("/buyer").atPriority(0).withRequestBody(containing(email))
                .willReturn(okJson("{\"status\":\"accepted\",\"id\":\"abc-779\",\"price\":\"12.50\"}")));
    }

    String bootstrapServers() {
        return broker.getBrokersAsString();
    }

    /** What Buyer ABC received for the lead with this email, in arrival order. */
    List<LoggedRequest> buyerRequestsFor(String email) {
        return partners.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlEqualTo("/buyer"))
                .withRequestBody(containing(email)));
    }

    /**
     * The phone-check service says fixed_line for numbers ending in 0100, else mobile. Buyer ABC answers 500 for
     * emails containing "fail", 500 twice (then as usual) for those containing "flaky", rejects those containing
     * "dup", and accepts the rest at a price of 12.50.
     */
    private void stubPartners() {
        partners.stubFor(post("/phone-check").atPriority(5).willReturn(okJson("{\"line_type\":\"mobile\",\"carrier\":\"Demo Mobile\"}")));
        partners.stubFor(post("/phone-check").atPriority(1).withRequestBody(matchingJsonPath("$.phone", containing("0100")))
                .willReturn(okJson("{\"line_type\":\"fixed_line\"}")));
        partners.stubFor(post("/buyer").atPriority(5)
                .willReturn(okJson("{\"status\":\"accepted\",\"id\":\"abc-778\",\"price\":\"12.50\"}")));
        partners.stubFor(post("/buyer").atPriority(1).withRequestBody(containing("dup"))
                .willReturn(okJson("{\"status\":\"rejected\",\"errors\":[{\"message\":\"Duplicate lead\"}]}")));
        partners.stubFor(post("/buyer").atPriority(1).withRequestBody(containing("fail"))
                .willReturn(aResponse().withStatus(500).withBody("oops")));
        String state = Scenario.STARTED;
        for (String next : List.of("failed-once", "failed-twice")) {
            partners.stubFor(post("/buyer").atPriority(1).withRequestBody(containing("flaky")).inScenario("flaky")
                    .whenScenarioStateIs(state).willReturn(aResponse().withStatus(500).withBody("oops"))
                    .willSetStateTo(next));
            state = next;
        }
    }

    static Path flowsDir() {
        try {
            return Path.of(Pipeline.class.getResource("/flows").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        stack.close();
        partners.stop();
        mail.stop();
        dns.close();
        broker.destroy();
        deleteRecursively(stateDir);
    }

    static void deleteRecursively(Path directory) {
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the pipeline before the first test that asks for it and stops it when the test run ends. */
    static final class Extension implements BeforeAllCallback, ParameterResolver {

        @Override
        public void beforeAll(ExtensionContext context) {
            pipeline(context);
        }

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == Pipeline.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return pipeline(context);
        }

        private static Pipeline pipeline(ExtensionContext context) {
            return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                    .computeIfAbsent(Pipeline.class, key -> {
                        try {
                            return new Pipeline();
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }, Pipeline.class);
        }
    }
}
