package io.leadflow.intake.domain;

import io.leadflow.flow.Flow;
import io.leadflow.flow.FlowCatalog;
import io.leadflow.flow.IpRange;
import io.leadflow.flow.References;
import io.leadflow.flow.SourceAuth;
import io.leadflow.flow.SourceDefinition;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Guards each source: its allow-list of addresses (the caller's address is the connection's, or the last address in
 * {@code X-Forwarded-For} before the trusted proxies), then its API key or basic auth. Keys are resolved once at start
 * and kept only as SHA-256 digests, compared in constant time.
 */
public final class SourceGuard {

    private final List<IpRange> trustedProxies;
    private final Map<String, List<byte[]>> secretDigests = new HashMap<>();

    public SourceGuard(FlowCatalog flows, References references, List<IpRange> trustedProxies) {
        this.trustedProxies = List.copyOf(trustedProxies);
        for (Flow flow : flows.all()) {
            for (SourceDefinition source : flow.sources()) {
                if (source.auth() instanceof SourceAuth.ApiKey apiKey) {
                    secretDigests.put(keyOf(flow, source), apiKey.keys().stream()
                            .map(key -> digest(references.resolve(key))).toList());
                } else if (source.auth() instanceof SourceAuth.Basic basic) {
                    secretDigests.put(keyOf(flow, source), List.of(digest(
                            references.resolve(basic.username()) + ":" + references.resolve(basic.password()))));
                }
            }
        }
    }

    /** Why the caller may not submit to this source, with the words it is told; empty when it may. */
    public Optional<IntakeAnswer.Refused> check(Flow flow, SourceDefinition source, Caller caller) {
        if (!source.allowedIps().isEmpty()) {
            InetAddress client = clientAddress(caller);
            if (client == null || source.allowedIps().stream().noneMatch(range -> range.contains(client))) {
                return refused(Refusal.ADDRESS_NOT_ALLOWED, "Submissions from this address are not allowed",
                        flow, source);
            }
        }
        if (source.auth() instanceof SourceAuth.ApiKey apiKey) {
            String presented = apiKey.header() != null ? caller.header(apiKey.header())
                    : first(caller.query().get(apiKey.queryParameter()));
            if (presented == null || presented.isEmpty()) {
                return refused(Refusal.API_KEY_REFUSED, "An API key is required in the "
                        + (apiKey.header() != null ? apiKey.header() + " header" : apiKey.queryParameter()
                        + " query parameter"), flow, source);
            }
            if (!matches(flow, source, presented)) {
                return refused(Refusal.API_KEY_REFUSED, "The API key is not valid", flow, source);
            }
        } else if (source.auth() instanceof SourceAuth.Basic) {
            Optional<String> credentials = basicCredentials(caller.header("Authorization"));
            if (credentials.isEmpty()) {
                return refused(Refusal.BASIC_AUTH_REFUSED, "Basic authentication is required", flow, source);
            }
            if (!matches(flow, source, credentials.get())) {
                return refused(Refusal.BASIC_AUTH_REFUSED, "The user name or password is not valid", flow, source);
            }
        }
        return Optional.empty();
    }

    /**
     * The caller's address: the connection's, unless that is a trusted proxy; then, walking {@code X-Forwarded-For}
     * from its end, the first address that is not a trusted proxy (a malformed entry ends the walk and is no address).
     */
    InetAddress clientAddress(Caller caller) {
        InetAddress address = caller.connectedFrom();
        String forwarded = caller.header("X-Forwarded-For");
        if (address == null || forwarded == null || !isTrustedProxy(address)) {
            return address;
        }
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            Optional<InetAddress> hop = IpRange.literal(hops[i].strip());
            if (hop.isEmpty()) {
                return null;
            }
            address = hop.get();
            if (!isTrustedProxy(address)) {
                return address;
            }
        }
        return address;
    }

    private boolean isTrustedProxy(InetAddress address) {
        return trustedProxies.stream().anyMatch(range -> range.contains(address));
    }

    /** Compares with every configured secret, without stopping at the first match, so timing tells nothing. */
    private boolean matches(Flow flow, SourceDefinition source, String presented) {
        byte[] digest = digest(presented);
        boolean matched = false;
        for (byte[] expected : secretDigests.getOrDefault(keyOf(flow, source), List.of())) {
            matched |= MessageDigest.isEqual(expected, digest);
        }
        return matched;
    }

    private static Optional<String> basicCredentials(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
                    StandardCharsets.UTF_8);
            return decoded.indexOf(':') < 0 ? Optional.empty() : Optional.of(decoded);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String first(Object value) {
        if (value instanceof List<?> values) {
            return values.isEmpty() ? null : String.valueOf(values.get(0));
        }
        return (String) value;
    }

    private static Optional<IntakeAnswer.Refused> refused(Refusal refusal, String message, Flow flow,
                                                          SourceDefinition source) {
        return Optional.of(new IntakeAnswer.Refused(refusal, message, flow.id(), source.id()));
    }

    private static String keyOf(Flow flow, SourceDefinition source) {
        return flow.id() + "/" + source.id();
    }

    private static byte[] digest(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
