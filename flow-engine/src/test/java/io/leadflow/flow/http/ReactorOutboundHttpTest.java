package io.leadflow.flow.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.leadflow.flow.run.OutboundCallException;
import io.leadflow.integration.OutboundRequest;
import io.leadflow.integration.OutboundResponse;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReactorOutboundHttpTest {

    private static final WireMockServer buyer = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    private static final ReactorOutboundHttp loopbackAllowed = new ReactorOutboundHttp(true, 10);
    private static final ReactorOutboundHttp guarded = new ReactorOutboundHttp(false, 10);
    /** Generous: these tests check what is sent and refused; a busy build machine must not turn them into timeouts. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final ReactorOutboundHttp small = new ReactorOutboundHttp(true, 10, 1024);

    @BeforeAll
    static void start() {
        buyer.start();
    }

    @AfterAll
    static void stop() {
        buyer.stop();
        loopbackAllowed.close();
        guarded.close();
        small.close();
    }

    @BeforeEach
    void reset() {
        buyer.resetAll();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + buyer.port() + path;
    }

    private OutboundRequest postTo(String path, String body) {
        return new OutboundRequest("POST", url(path), Map.of("Content-Type", "application/json", "X-Token", "t"), body,
                false);
    }

    @Test
    void sendsMethodHeadersAndBodyAndReturnsTheWholeAnswer() {
        buyer.stubFor(post("/leads").willReturn(aResponse().withStatus(422)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withHeader("Set-Cookie", "a=1", "b=2")
                .withBody("{\"error\":\"Mêl\"}")));

        OutboundResponse response = loopbackAllowed.send(postTo("/leads", "{\"name\":\"Mêl\"}"), PATIENCE).join();

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.body()).isEqualTo("{\"error\":\"Mêl\"}");
        assertThat(response.headerValues("set-cookie")).isEqualTo(List.of("a=1", "b=2"));
        buyer.verify(postRequestedFor(urlEqualTo("/leads"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withHeader("X-Token", equalTo("t"))
                .withHeader("Content-Length", equalTo("15"))
                .withRequestBody(equalTo("{\"name\":\"Mêl\"}")));
    }

    @Test
    void aSlowRecipientTimesOut() {
        buyer.stubFor(post("/slow").willReturn(aResponse().withFixedDelay(2_000).withBody("late")));

        assertThatThrownBy(() -> loopbackAllowed.send(postTo("/slow", "{}"), Duration.ofMillis(300)).join())
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(OutboundCallException.class)
                .cause().hasMessage("Timed out after 300 ms");
    }

    @Test
    void aClosedPortIsConnectionRefused() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        OutboundRequest request = new OutboundRequest("POST", "http://127.0.0.1:" + closedPort + "/", Map.of(), "{}", false);

        assertThatThrownBy(() -> loopbackAllowed.send(request, PATIENCE).join())
                .cause().isInstanceOf(OutboundCallException.class).hasMessage("Connection refused");
    }

    @Test
    void refusesLoopbackAddressesUnlessPrivateNetworksAreAllowed() {
        buyer.stubFor(post("/leads").willReturn(aResponse().withBody("ok")));

        for (String host : List.of("127.0.0.1", "localhost")) {
            OutboundRequest request = new OutboundRequest("POST", "http://" + host + ":" + buyer.port() + "/leads",
                    Map.of(), "{}", false);
            assertThatThrownBy(() -> guarded.send(request, PATIENCE).join()).as(host)
                    .cause().isInstanceOf(OutboundCallException.class)
                    .hasMessage("Refused: the URL resolves to a private address");
        }
        assertThat(buyer.getAllServeEvents()).isEmpty();
    }

    @Test
    void reachesTheDeploymentsTrustedOriginsOnPrivateAddressesAndOnlyThem() {
        buyer.stubFor(post("/leads").willReturn(aResponse().withBody("ok")));
        try (ReactorOutboundHttp trusting = new ReactorOutboundHttp(false, 10,
                Set.of("HTTP://127.0.0.1:" + buyer.port() + "/lists"))) {
            OutboundResponse trusted = trusting.send(new OutboundRequest("POST", url("/leads"), Map.of(), "{}", false),
                    Duration.ofSeconds(5)).join();
            assertThat(trusted.body()).isEqualTo("ok");
            OutboundRequest otherName = new OutboundRequest("POST", "http://localhost:" + buyer.port() + "/leads",
                    Map.of(), "{}", false);
            assertThatThrownBy(() -> trusting.send(otherName, Duration.ofSeconds(2)).join())
                    .cause().isInstanceOf(OutboundCallException.class)
                    .hasMessage("Refused: the URL resolves to a private address");
        }
        assertThat(buyer.getAllServeEvents()).hasSize(1);
        assertThat(ReactorOutboundHttp.origin("https://Lists.Example.com/x")).isEqualTo("https://lists.example.com:443");
        assertThat(ReactorOutboundHttp.origin("not a url")).isNull();
    }

    @Test
    void recognisesPrivateAddresses() throws Exception {
        Map<String, Boolean> cases = Map.ofEntries(
                Map.entry("127.0.0.1", true), Map.entry("10.1.2.3", true), Map.entry("172.16.0.1", true),
                Map.entry("192.168.1.1", true), Map.entry("169.254.169.254", true), Map.entry("100.64.0.1", true),
                Map.entry("0.0.0.0", true), Map.entry("::1", true), Map.entry("fe80::1", true), Map.entry("fd00::1", true),
                Map.entry("::ffff:10.0.0.1", true), Map.entry("8.8.8.8", false), Map.entry("203.0.113.7", false),
                Map.entry("2001:4860:4860::8888", false));
        for (var entry : cases.entrySet()) {
            assertThat(PrivateAddressGuard.isPrivate(InetAddress.getByName(entry.getKey())))
                    .as(entry.getKey()).isEqualTo(entry.getValue());
        }
    }

    @Test
    void refusesAResponseLargerThanTheLimitWhetherItsLengthIsDeclaredOrNot() {
        buyer.stubFor(post("/declared").willReturn(aResponse().withBody("x".repeat(1025))));
        buyer.stubFor(post("/chunked").willReturn(aResponse().withBody("y".repeat(5000))
                .withChunkedDribbleDelay(5, 50)));
        buyer.stubFor(post("/fits").willReturn(aResponse().withBody("z".repeat(1024))));

        for (String path : List.of("/declared", "/chunked")) {
            assertThatThrownBy(() -> small.send(postTo(path, "{}"), PATIENCE).join()).as(path)
                    .cause().isInstanceOf(OutboundCallException.class).hasMessage("Response larger than 1 KiB");
        }
        assertThat(small.send(postTo("/fits", "{}"), PATIENCE).join().body()).isEqualTo("z".repeat(1024));
    }

    @Test
    void followsRedirectsOnlyWhenTheRequestSaysSo() {
        buyer.stubFor(get("/moved").willReturn(aResponse().withStatus(302).withHeader("Location", url("/here"))));
        buyer.stubFor(get("/here").willReturn(aResponse().withBody("arrived")));

        OutboundResponse followed = loopbackAllowed.send(
                new OutboundRequest("GET", url("/moved"), Map.of(), null, true), PATIENCE).join();
        OutboundResponse notFollowed = loopbackAllowed.send(
                new OutboundRequest("GET", url("/moved"), Map.of(), null, false), PATIENCE).join();

        assertThat(followed.status()).isEqualTo(200);
        assertThat(followed.body()).isEqualTo("arrived");
        assertThat(notFollowed.status()).isEqualTo(302);
        buyer.verify(1, getRequestedFor(urlEqualTo("/here")));
    }

    @Test
    void sendsTheBodysOwnLengthWhateverContentLengthTheRequestNames() {
        buyer.stubFor(post("/leads").willReturn(aResponse().withBody("ok")));
        OutboundRequest request = new OutboundRequest("POST", url("/leads"), Map.of("Content-Length", "999"), "{}", false);

        loopbackAllowed.send(request, PATIENCE).join();

        buyer.verify(postRequestedFor(urlEqualTo("/leads")).withHeader("Content-Length", equalTo("2")));
    }
}
