package io.leadflow.flow.auth;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.leadflow.flow.References;
import io.leadflow.flow.http.ReactorOutboundHttp;
import io.leadflow.flow.run.OutboundCallException;
import io.leadflow.integration.OutboundRequest;
import io.leadflow.integration.OutboundResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuthenticatorTest {

    private static final WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    private static final ReactorOutboundHttp http = new ReactorOutboundHttp(true, 10);
    /** Generous: these tests count and order requests; a busy build machine must not turn them into timeouts. */
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Map<String, String> SECRETS = Map.of("USER", "bob", "PASSWORD", "s3cret", "TOKEN", "tok",
            "KEY", "k-1", "SIGNATURE", "sig", "CLIENT_ID", "leadflow", "CLIENT_SECRET", "cs", "REFRESH", "rt-0");

    private final MovableClock clock = new MovableClock();
    private final Authenticator authenticator =
            new Authenticator(http, new References(SECRETS::get, Path.of("no-secrets")), clock);

    @BeforeAll
    static void start() {
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop();
        http.close();
    }

    @BeforeEach
    void reset() {
        server.resetAll();
        server.stubFor(post(urlPathEqualTo("/leads")).willReturn(aResponse().withBody("ok")));
    }

    @Test
    void appliesEachKindOfStaticCredential() {
        Map<Credential, List<String>> cases = Map.of(
                credential(CredentialType.BASIC, Map.of("username", "${env:USER}", "password", "${env:PASSWORD}")),
                List.of("/leads", "Authorization", "Basic Ym9iOnMzY3JldA=="),
                credential(CredentialType.BEARER, Map.of("token", "${env:TOKEN}")),
                List.of("/leads", "Authorization", "Bearer tok"),
                credential(CredentialType.API_KEY, Map.of("key", "${env:KEY}", "header", "X-Api-Key")),
                List.of("/leads", "X-Api-Key", "k-1"),
                credential(CredentialType.API_KEY, Map.of("key", "${env:KEY}", "query_param", "api key")),
                java.util.Arrays.asList("/leads?api%20key=k-1", "Authorization", null),
                credential(CredentialType.HEADERS, Map.of("headers.X-Signature", "${env:SIGNATURE}")),
                List.of("/leads", "X-Signature", "sig"));

        cases.forEach((credential, expected) -> {
            server.resetRequests();
            authenticator.send(credential, request(), TIMEOUT).join();

            LoggedRequest sent = server.findAll(postRequestedFor(urlPathEqualTo("/leads"))).get(0);
            assertThat(sent.getUrl()).as(credential.type().wireName()).isEqualTo(expected.get(0));
            assertThat(sent.getHeader(expected.get(1))).as(credential.type().wireName()).isEqualTo(expected.get(2));
        });
    }

    @Test
    void fetchesAClientCredentialsTokenOnceAndUsesItUntilShortlyBeforeItExpires() {
        server.stubFor(post("/token").willReturn(okJson(
                "{\"access_token\":\"at-1\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
        Credential crm = oauth(CredentialType.OAUTH2_CLIENT_CREDENTIALS, Map.of("scope", "leads:write"));

        authenticator.send(crm, request(), TIMEOUT).join();
        authenticator.send(crm, request(), TIMEOUT).join();
        clock.advance(Duration.ofSeconds(3600 - Authenticator.EXPIRY_MARGIN_SECONDS - 1));
        authenticator.send(crm, request(), TIMEOUT).join();
        clock.advance(Duration.ofSeconds(2));
        authenticator.send(crm, request(), TIMEOUT).join();

        server.verify(2, postRequestedFor(urlEqualTo("/token")));
        server.verify(postRequestedFor(urlEqualTo("/token"))
                .withHeader("Authorization", equalTo("Basic bGVhZGZsb3c6Y3M="))
                .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
                .withRequestBody(equalTo("grant_type=client_credentials&scope=leads%3Awrite")));
        assertThat(server.findAll(postRequestedFor(urlPathEqualTo("/leads"))))
                .extracting(sent -> sent.getHeader("Authorization")).containsOnly("Bearer at-1").hasSize(4);
    }

    @Test
    void aRecipientRefusingTheTokenGetsTheRequestOnceMoreWithANewToken() {
        server.stubFor(post("/token").inScenario("tokens").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"access_token\":\"revoked\",\"expires_in\":3600}")).willSetStateTo("second"));
        server.stubFor(post("/token").inScenario("tokens").whenScenarioStateIs("second")
                .willReturn(okJson("{\"access_token\":\"fresh\",\"expires_in\":3600}")));
        server.stubFor(post("/leads").withHeader("Authorization", equalTo("Bearer revoked"))
                .willReturn(aResponse().withStatus(401)));
        server.stubFor(post("/leads").withHeader("Authorization", equalTo("Bearer fresh"))
                .willReturn(aResponse().withBody("accepted")));
        Credential crm = oauth(CredentialType.OAUTH2_CLIENT_CREDENTIALS, Map.of("client_auth", "body"));

        OutboundResponse response = authenticator.send(crm, request(), TIMEOUT).join();
        authenticator.send(crm, request(), TIMEOUT).join();

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("accepted");
        assertThat(server.findAll(postRequestedFor(urlPathEqualTo("/leads"))))
                .extracting(sent -> sent.getHeader("Authorization"))
                .containsExactly("Bearer revoked", "Bearer fresh", "Bearer fresh");
        server.verify(2, postRequestedFor(urlEqualTo("/token"))
                .withRequestBody(equalTo("grant_type=client_credentials&client_id=leadflow&client_secret=cs")));
    }

    @Test
    void aRefreshTokenGrantUsesTheRefreshTokenTheServerRotatedTo() {
        server.stubFor(post("/token").willReturn(okJson(
                "{\"access_token\":\"at\",\"expires_in\":60,\"refresh_token\":\"rt-1\"}")));
        Credential crm = oauth(CredentialType.OAUTH2_REFRESH_TOKEN, Map.of("refresh_token", "${env:REFRESH}"));

        authenticator.send(crm, request(), TIMEOUT).join();
        clock.advance(Duration.ofSeconds(60));
        authenticator.send(crm, request(), TIMEOUT).join();

        assertThat(server.findAll(postRequestedFor(urlEqualTo("/token")))).extracting(LoggedRequest::getBodyAsString)
                .containsExactly("grant_type=refresh_token&refresh_token=rt-0",
                        "grant_type=refresh_token&refresh_token=rt-1");
    }

    @Test
    void aRefusedRefreshedTokenIsReplacedWithTheRotatedRefreshToken() {
        server.stubFor(post("/token").withRequestBody(equalTo("grant_type=refresh_token&refresh_token=rt-0"))
                .willReturn(okJson("{\"access_token\":\"revoked\",\"expires_in\":600,\"refresh_token\":\"rt-1\"}")));
        server.stubFor(post("/token").withRequestBody(equalTo("grant_type=refresh_token&refresh_token=rt-1"))
                .willReturn(okJson("{\"access_token\":\"fresh\",\"expires_in\":600}")));
        server.stubFor(post("/leads").withHeader("Authorization", equalTo("Bearer revoked"))
                .willReturn(aResponse().withStatus(401)));
        Credential crm = oauth(CredentialType.OAUTH2_REFRESH_TOKEN, Map.of("refresh_token", "${env:REFRESH}"));

        OutboundResponse response = authenticator.send(crm, request(), TIMEOUT).join();

        assertThat(response.status()).isEqualTo(200);
        assertThat(server.findAll(postRequestedFor(urlPathEqualTo("/leads"))))
                .extracting(sent -> sent.getHeader("Authorization")).containsExactly("Bearer revoked", "Bearer fresh");
    }

    @Test
    void aRefusedTokenRequestIsAnErrorNamingTheCredentialAndNoSecret() {
        server.stubFor(post("/token").willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":\"invalid_client\"}")));

        assertThatThrownBy(() -> authenticator.send(oauth(CredentialType.OAUTH2_CLIENT_CREDENTIALS, Map.of()),
                request(), TIMEOUT).join())
                .cause().isInstanceOf(OutboundCallException.class)
                .hasMessage("Token request of credential crm failed: HTTP 401 invalid_client");
        server.verify(0, postRequestedFor(urlPathEqualTo("/leads")));
    }

    @Test
    void aJwtBearerGrantSignsAnAssertionWithThePrivateKeyAndSendsPathsToTheInstanceUrl() throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        server.stubFor(post("/services/oauth2/token").willReturn(okJson("{\"access_token\":\"sf-at\","
                + "\"instance_url\":\"" + server.baseUrl() + "/\",\"token_type\":\"Bearer\"}")));
        server.stubFor(post("/services/data/v62.0/sobjects/Lead/").willReturn(aResponse().withStatus(201).withBody("{}")));
        Authenticator withKey = new Authenticator(http, new References(Map.of("SF_KEY", pem(keys.getPrivate()),
                "CONSUMER_KEY", "3MVG9")::get, Path.of("no-secrets")), clock);
        Credential salesforce = new Credential("salesforce", CredentialType.OAUTH2_JWT_BEARER, Map.of(
                "token_url", server.baseUrl() + "/services/oauth2/token", "client_id", "${env:CONSUMER_KEY}",
                "username", "integration@example.com", "private_key", "${env:SF_KEY}"));

        OutboundResponse response = withKey.send(salesforce, new OutboundRequest("POST",
                "/services/data/v62.0/sobjects/Lead/", Map.of("Content-Type", "application/json"), "{}", false),
                TIMEOUT).join();

        assertThat(response.status()).isEqualTo(201);
        server.verify(postRequestedFor(urlEqualTo("/services/data/v62.0/sobjects/Lead/"))
                .withHeader("Authorization", equalTo("Bearer sf-at")));
        LoggedRequest tokenRequest = server.findAll(postRequestedFor(urlEqualTo("/services/oauth2/token"))).get(0);
        assertThat(tokenRequest.getHeader("Authorization")).isNull();
        assertThat(tokenRequest.getBodyAsString()).startsWith("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=");
        String[] jwt = java.net.URLDecoder.decode(tokenRequest.getBodyAsString().substring(
                tokenRequest.getBodyAsString().indexOf("assertion=") + 10), StandardCharsets.UTF_8).split("\\.");
        assertThat(decoded(jwt[0])).isEqualTo("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
        assertThat(decoded(jwt[1])).isEqualTo("{\"iss\":\"3MVG9\",\"sub\":\"integration@example.com\",\"aud\":\""
                + server.baseUrl() + "\",\"exp\":" + clock.instant().plusSeconds(180).getEpochSecond() + "}");
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(keys.getPublic());
        rsa.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(rsa.verify(Base64.getUrlDecoder().decode(jwt[2]))).isTrue();
    }

    @Test
    void aPathNeedsAnInstanceUrlFromAnOAuthTokenAndAKeyThatIsNoPkcs8PemIsAnErrorWithoutTheKey() {
        server.stubFor(post("/token").willReturn(okJson("{\"access_token\":\"at\"}")));
        OutboundRequest path = new OutboundRequest("POST", "/services/data/v62.0/sobjects/Lead/", Map.of(), "{}", false);
        Credential badKey = new Credential("salesforce", CredentialType.OAUTH2_JWT_BEARER, Map.of(
                "token_url", server.baseUrl() + "/token", "client_id", "${env:CLIENT_ID}", "username", "u",
                "private_key", "${env:PASSWORD}"));

        assertThatThrownBy(() -> authenticator.send(null, path, TIMEOUT).join()).cause()
                .isInstanceOf(OutboundCallException.class).hasMessage("The request to /services/data/v62.0/sobjects/Lead/ "
                        + "needs an OAuth 2.0 credential whose token response names an instance_url");
        assertThatThrownBy(() -> authenticator.send(oauth(CredentialType.OAUTH2_CLIENT_CREDENTIALS, Map.of()), path,
                TIMEOUT).join()).cause().isInstanceOf(OutboundCallException.class).hasMessage("The token response of "
                        + "credential crm named no instance_url to send /services/data/v62.0/sobjects/Lead/ to");
        assertThatThrownBy(() -> authenticator.send(badKey, path, TIMEOUT).join()).cause()
                .isInstanceOf(OutboundCallException.class)
                .hasMessage("Private key of credential salesforce must be an unencrypted PKCS#8 PEM key "
                        + "(-----BEGIN PRIVATE KEY-----; convert with openssl pkcs8 -topk8 -nocrypt)")
                .message().doesNotContain("s3cret");
    }

    private static String pem(PrivateKey key) {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getEncoded()) + "\n-----END PRIVATE KEY-----\n";
    }

    private static String decoded(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }

    @Test
    void masksEveryValueACredentialPutsInARequest() {
        OutboundRequest sent = new OutboundRequest("POST", "https://buyer.example/leads?a=1&api_key=k-1",
                Map.of("Authorization", "Basic Ym9iOnMzY3JldA==", "X-Api-Key", "k-1", "X-Signature", "sig",
                        "Content-Type", "application/json"), "{}", false);

        assertThat(CredentialMasking.mask(sent, credential(CredentialType.API_KEY,
                Map.of("key", "${env:KEY}", "query_param", "api_key"))).url())
                .isEqualTo("https://buyer.example/leads?a=1&api_key=****");
        assertThat(CredentialMasking.mask(sent, credential(CredentialType.API_KEY,
                Map.of("key", "${env:KEY}", "header", "x-api-key"))).headers())
                .containsEntry("Authorization", "****").containsEntry("x-api-key", "****")
                .containsEntry("X-Signature", "sig").containsEntry("Content-Type", "application/json");
        assertThat(CredentialMasking.mask(sent, credential(CredentialType.HEADERS,
                Map.of("headers.X-Signature", "${env:SIGNATURE}"))).headers())
                .containsEntry("X-Signature", "****").containsEntry("X-Api-Key", "k-1");
    }

    private OutboundRequest request() {
        return new OutboundRequest("POST", "http://127.0.0.1:" + server.port() + "/leads",
                Map.of("Content-Type", "application/json"), "{}", false);
    }

    private Credential oauth(CredentialType type, Map<String, String> more) {
        Map<String, String> settings = new java.util.HashMap<>(Map.of(
                "token_url", "http://127.0.0.1:" + server.port() + "/token",
                "client_id", "${env:CLIENT_ID}", "client_secret", "${env:CLIENT_SECRET}"));
        settings.putAll(more);
        return new Credential("crm", type, settings);
    }

    private static Credential credential(CredentialType type, Map<String, String> settings) {
        return new Credential("buyer", type, settings);
    }

    /** A clock the test moves forward. */
    private static final class MovableClock extends Clock {

        private Instant now = Instant.parse("2025-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
