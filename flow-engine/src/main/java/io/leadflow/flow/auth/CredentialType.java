package io.leadflow.flow.auth;

import java.util.Locale;
import java.util.Set;

/**
 * The ways Leadflow authenticates to a recipient, each with the settings it requires, the settings it allows, and
 * those that are secrets (which flow files must give as references, never as values).
 */
public enum CredentialType {
    /** {@code Authorization: Basic base64(username:password)}. */
    BASIC(Set.of("username", "password"), Set.of(), Set.of("password")),
    /** An API key in a header ({@code header: X-Api-Key}) or a query parameter ({@code query_param: api_key}). */
    API_KEY(Set.of("key"), Set.of("header", "query_param"), Set.of("key")),
    /** {@code Authorization: Bearer <token>}. */
    BEARER(Set.of("token"), Set.of(), Set.of("token")),
    /** Any headers ({@code headers: {X-Partner: …, X-Signature: …}}); every value is a secret. */
    HEADERS(Set.of("headers"), Set.of(), Set.of("headers")),
    /**
     * Named token attributes ({@code attributes: {token: …, access_token: …}}) that a token-authenticated module
     * ({@code custom.outbound.token_authenticated}) puts in its headers and refreshes itself; every value is a secret.
     */
    TOKEN(Set.of("attributes"), Set.of(), Set.of("attributes")),
    /** OAuth 2.0 client credentials grant; the token is cached until shortly before it expires. */
    OAUTH2_CLIENT_CREDENTIALS(Set.of("token_url", "client_id", "client_secret"), Set.of("scope", "client_auth"),
            Set.of("client_secret")),
    /** OAuth 2.0 refresh token grant; the access token is cached until shortly before it expires. */
    OAUTH2_REFRESH_TOKEN(Set.of("token_url", "client_id", "refresh_token"), Set.of("client_secret", "scope",
            "client_auth"), Set.of("client_secret", "refresh_token")),
    /** OAuth 2.0 JWT bearer grant (Salesforce's server-to-server flow): an RS256 assertion signed with a PKCS#8 key. */
    OAUTH2_JWT_BEARER(Set.of("token_url", "client_id", "username", "private_key"), Set.of("audience", "scope"),
            Set.of("private_key")),
    /**
     * An SMTP server ({@code host}, {@code port}, {@code security}: starttls, tls or none, optional {@code username} and
     * {@code password}) that a mail module ({@code email.outbound.smtp}) connects to itself; never applied to HTTP.
     */
    SMTP(Set.of("host"), Set.of("port", "security", "username", "password"), Set.of("password"));

    private final Set<String> required;
    private final Set<String> optional;
    private final Set<String> secrets;

    CredentialType(Set<String> required, Set<String> optional, Set<String> secrets) {
        this.required = required;
        this.optional = optional;
        this.secrets = secrets;
    }

    /** The type as flow files spell it: {@code oauth2_client_credentials}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Set<String> required() {
        return required;
    }

    public Set<String> optional() {
        return optional;
    }

    public Set<String> secrets() {
        return secrets;
    }

    /** Whether the step's module applies the credential itself, given its settings as {@code credential.*} variables. */
    public boolean isGivenToModule() {
        return this == TOKEN || this == SMTP;
    }

    public boolean isOAuth() {
        return this == OAUTH2_CLIENT_CREDENTIALS || this == OAUTH2_REFRESH_TOKEN || this == OAUTH2_JWT_BEARER;
    }
}
