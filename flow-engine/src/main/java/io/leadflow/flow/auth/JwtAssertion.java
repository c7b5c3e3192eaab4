package io.leadflow.flow.auth;

import io.leadflow.flow.run.OutboundCallException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The signed assertion of an OAuth 2.0 JWT bearer grant (RFC 7523): {@code iss} the client id, {@code sub} the user,
 * {@code aud} the authorization server, {@code exp} three minutes ahead (Salesforce's limit), signed RS256 with the
 * JDK's {@code java.security}. The private key is read from PKCS#8 PEM and never appears in a message.
 */
final class JwtAssertion {

    static final Duration LIFETIME = Duration.ofMinutes(3);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Base64.Encoder URL_BASE64 = Base64.getUrlEncoder().withoutPadding();
    private static final String HEADER = URL_BASE64.encodeToString(
            "{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.US_ASCII));

    private JwtAssertion() {
    }

    /** The compact JWT {@code header.claims.signature}. */
    static String sign(String credentialName, String issuer, String subject, String audience, Instant now, String pem) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("sub", subject);
        claims.put("aud", audience);
        claims.put("exp", now.plus(LIFETIME).getEpochSecond());
        String signingInput = HEADER + "." + URL_BASE64.encodeToString(JSON.writeValueAsBytes(claims));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(privateKey(credentialName, pem));
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + URL_BASE64.encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new OutboundCallException("Private key of credential " + credentialName + " cannot sign RS256: "
                    + e.getClass().getSimpleName());
        }
    }

    /** The origin ({@code scheme://host[:port]}) of the token URL: Salesforce's audience for its login hosts. */
    static String origin(String tokenUrl) {
        URI uri = URI.create(tokenUrl);
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    private static PrivateKey privateKey(String credentialName, String pem) throws GeneralSecurityException {
        String text = pem.strip();
        if (!text.startsWith("-----BEGIN PRIVATE KEY-----") || !text.endsWith("-----END PRIVATE KEY-----")) {
            throw new OutboundCallException("Private key of credential " + credentialName + " must be an unencrypted "
                    + "PKCS#8 PEM key (-----BEGIN PRIVATE KEY-----; convert with openssl pkcs8 -topk8 -nocrypt)");
        }
        String base64 = text.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        byte[] der;
        try {
            der = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new OutboundCallException("Private key of credential " + credentialName + " is not valid PEM");
        }
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    }
}
