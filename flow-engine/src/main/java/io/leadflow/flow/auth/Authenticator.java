package io.leadflow.flow.auth;

import io.leadflow.flow.References;
import io.leadflow.flow.run.OutboundCallException;
import io.leadflow.flow.run.OutboundHttp;
import io.leadflow.integration.OutboundRequest;
import io.leadflow.integration.OutboundResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends requests with a step's credential: basic, API key (header or query parameter), bearer token, custom headers,
 * or an OAuth 2.0 access token (client credentials, refresh token or JWT bearer grant); a {@code token} credential is
 * the module's to apply (it gets the attributes as variables). Access tokens are cached per credential
 * until {@value #EXPIRY_MARGIN_SECONDS} s before they expire; a 401 answer drops the token, fetches a new one and
 * sends the request once more. A request whose URL is a path ({@code /services/…}) goes to the {@code instance_url}
 * the token response named (Salesforce). Secrets are resolved from their references only here, only to send, and
 * never logged.
 */
public final class Authenticator {

    static final long EXPIRY_MARGIN_SECONDS = 30;
    static final String JWT_BEARER_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    private static final Logger log = LoggerFactory.getLogger(Authenticator.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final OutboundHttp http;
    private final References references;
    private final Clock clock;
    private final Map<Credential, CompletableFuture<AccessToken>> tokens = new ConcurrentHashMap<>();

    public Authenticator(OutboundHttp http, References references, Clock clock) {
        this.http = http;
        this.references = references;
        this.clock = clock;
    }

    /** Sends the request with the credential applied (none: as it is); an OAuth 401 is retried once with a new token. */
    public CompletableFuture<OutboundResponse> send(Credential credential, OutboundRequest request, Duration timeout) {
        if (credential == null || !credential.type().isOAuth()) {
            if (isPath(request.url())) {
                return CompletableFuture.failedFuture(new OutboundCallException("The request to " + request.url()
                        + " needs an OAuth 2.0 credential whose token response names an instance_url"));
            }
            return http.send(credential == null ? request : apply(credential, request), timeout);
        }
        return token(credential, timeout, null).thenCompose(token -> http.send(authorized(credential, request, token), timeout)
                .thenCompose(response -> {
                    if (response.status() != 401) {
                        return CompletableFuture.completedFuture(response);
                    }
                    log.info("Recipient refused the access token of credential {} (401): fetching a new one",
                            credential.name());
                    return token(credential, timeout, token)
                            .thenCompose(fresh -> http.send(authorized(credential, request, fresh), timeout));
                }));
    }

    /** The request with a non-OAuth credential applied. */
    OutboundRequest apply(Credential credential, OutboundRequest request) {
        return switch (credential.type()) {
            case BASIC -> request.withHeader("Authorization",
                    basic(secret(credential, "username"), secret(credential, "password")));
            case BEARER -> request.withHeader("Authorization", "Bearer " + secret(credential, "token"));
            case API_KEY -> credential.setting("header") != null
                    ? request.withHeader(credential.setting("header"), secret(credential, "key"))
                    : withQueryParameter(request, credential.setting("query_param"), secret(credential, "key"));
            case HEADERS -> {
                OutboundRequest authenticated = request;
                for (Map.Entry<String, String> header : CredentialMasking.headers(credential).entrySet()) {
                    authenticated = authenticated.withHeader(header.getKey(), references.resolve(header.getValue()));
                }
                yield authenticated;
            }
            case TOKEN, SMTP -> request;
            case OAUTH2_CLIENT_CREDENTIALS, OAUTH2_REFRESH_TOKEN, OAUTH2_JWT_BEARER ->
                    throw new IllegalArgumentException("OAuth credentials are applied by send");
        };
    }

    /** The cached token, or a new one when there is none, it expires soon or it is the one a recipient refused. */
    private CompletableFuture<AccessToken> token(Credential credential, Duration timeout, AccessToken refused) {
        CompletableFuture<AccessToken> token = tokens.compute(credential, (key, cached) -> {
            if (cached != null && (!cached.isDone() || usable(cached, refused))) {
                return cached;
            }
            try {
                return fetch(credential, cached, timeout);
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        });
        return token.whenComplete((value, failure) -> {
            if (failure != null) {
                tokens.remove(credential, token);
            }
        });
    }

    private boolean usable(CompletableFuture<AccessToken> cached, AccessToken refused) {
        if (cached.isCompletedExceptionally()) {
            return false;
        }
        AccessToken token = cached.join();
        return token != refused && (token.expiresAt() == null
                || clock.instant().isBefore(token.expiresAt().minusSeconds(EXPIRY_MARGIN_SECONDS)));
    }

    private CompletableFuture<AccessToken> fetch(Credential credential, CompletableFuture<AccessToken> previous,
                                                 Duration timeout) {
        Map<String, String> form = new LinkedHashMap<>();
        if (credential.type() == CredentialType.OAUTH2_CLIENT_CREDENTIALS) {
            form.put("grant_type", "client_credentials");
        } else if (credential.type() == CredentialType.OAUTH2_JWT_BEARER) {
            form.put("grant_type", JWT_BEARER_GRANT);
            String tokenUrl = references.resolve(credential.setting("token_url"));
            form.put("assertion", JwtAssertion.sign(credential.name(), secret(credential, "client_id"),
                    secret(credential, "username"), credential.setting("audience") != null
                            ? secret(credential, "audience") : JwtAssertion.origin(tokenUrl),
                    clock.instant(), secret(credential, "private_key")));
        } else {
            AccessToken earlier = previous == null || previous.isCompletedExceptionally() ? null : previous.getNow(null);
            form.put("grant_type", "refresh_token");
            form.put("refresh_token", earlier != null && earlier.refreshToken() != null
                    ? earlier.refreshToken() : secret(credential, "refresh_token"));
        }
        if (credential.setting("scope") != null) {
            form.put("scope", secret(credential, "scope"));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/x-www-form-urlencoded");
        headers.put("Accept", "application/json");
        if (credential.type() != CredentialType.OAUTH2_JWT_BEARER) {
            authenticateClient(credential, form, headers);
        }
        String body = form.entrySet().stream().map(entry -> formEncode(entry.getKey()) + "=" + formEncode(entry.getValue()))
                .collect(Collectors.joining("&"));
        OutboundRequest request = new OutboundRequest("POST", references.resolve(credential.setting("token_url")),
                headers, body, false);
        return http.send(request, timeout).thenApply(response -> accessToken(credential, response));
    }

    /** Client authentication of the grants other than JWT bearer (whose signed assertion authenticates the client). */
    private void authenticateClient(Credential credential, Map<String, String> form, Map<String, String> headers) {
        String clientId = secret(credential, "client_id");
        String clientSecret = credential.setting("client_secret") == null ? null : secret(credential, "client_secret");
        if ("body".equals(credential.setting("client_auth")) || clientSecret == null) {
            form.put("client_id", clientId);
            if (clientSecret != null) {
                form.put("client_secret", clientSecret);
            }
        } else {
            headers.put("Authorization", basic(formEncode(clientId), formEncode(clientSecret)));
        }
    }

    private AccessToken accessToken(Credential credential, OutboundResponse response) {
        JsonNode answer;
        try {
            answer = JSON.readTree(response.body());
        } catch (JacksonException e) {
            answer = null;
        }
        if (response.status() / 100 != 2 || answer == null || !answer.path("access_token").isString()) {
            String error = answer == null || !answer.path("error").isString() ? "" : " " + answer.path("error").asString();
            throw new OutboundCallException("Token request of credential " + credential.name() + " failed: HTTP "
                    + response.status() + error);
        }
        Instant expiresAt = answer.path("expires_in").isNumber()
                ? clock.instant().plusSeconds(answer.path("expires_in").asLong()) : null;
        String refreshToken = answer.path("refresh_token").isString() ? answer.path("refresh_token").asString() : null;
        String instanceUrl = answer.path("instance_url").isString() ? answer.path("instance_url").asString() : null;
        log.info("Fetched an access token for credential {}{}", credential.name(),
                expiresAt == null ? "" : " (expires at " + expiresAt + ")");
        return new AccessToken(answer.path("access_token").asString(), expiresAt, refreshToken, instanceUrl);
    }

    private String secret(Credential credential, String key) {
        return references.resolve(credential.setting(key));
    }

    /** The request with the access token, its path (if it is one) sent to the token's instance URL. */
    private static OutboundRequest authorized(Credential credential, OutboundRequest request, AccessToken token) {
        OutboundRequest located = request;
        if (isPath(request.url())) {
            if (token.instanceUrl() == null) {
                throw new OutboundCallException("The token response of credential " + credential.name()
                        + " named no instance_url to send " + request.url() + " to");
            }
            located = new OutboundRequest(request.method(), token.instanceUrl().replaceAll("/+$", "") + request.url(),
                    request.headers(), request.body(), request.followRedirects());
        }
        return located.withHeader("Authorization", "Bearer " + token.value());
    }

    private static boolean isPath(String url) {
        return url != null && url.startsWith("/");
    }

    private static OutboundRequest withQueryParameter(OutboundRequest request, String name, String value) {
        String url = request.url();
        String separator = url.contains("?") ? (url.endsWith("?") || url.endsWith("&") ? "" : "&") : "?";
        return new OutboundRequest(request.method(), url + separator + formEncode(name) + "=" + formEncode(value),
                request.headers(), request.body(), request.followRedirects());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String formEncode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * An OAuth access token, when it expires (null: not said), the refresh token that came with it and the instance URL
     * the token is for (Salesforce; null when not said).
     */
    private record AccessToken(String value, Instant expiresAt, String refreshToken, String instanceUrl) {

        @Override
        public String toString() {
            return "AccessToken[expiresAt=" + expiresAt + "]";
        }
    }
}
