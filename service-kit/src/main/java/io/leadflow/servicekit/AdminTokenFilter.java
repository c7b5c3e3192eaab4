package io.leadflow.servicekit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Guards every service's admin APIs (workbenches, dead letters, lists): when {@code LEADFLOW_ADMIN_TOKEN}
 * is set, a call needs {@code Authorization: Bearer <token>} (compared in constant time); else they are open, as on a
 * local stack.
 */
public class AdminTokenFilter implements WebFilter {

    /** The admin APIs: workbenches and dead letters under {@code /api/}, the lists API (SuppressionList's paths). */
    private static final List<String> ADMIN_PATHS = List.of("/api/", "/lists", "/exists/", "/unique/");
    private static final byte[] REFUSED = "{\"error\":\"An admin token is required (Authorization: Bearer <token>)\"}"
            .getBytes(StandardCharsets.UTF_8);

    private final byte[] tokenDigest;

    public AdminTokenFilter(String adminToken) {
        this.tokenDigest = adminToken == null || adminToken.isBlank() ? null : digest(adminToken);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().value();
        if (tokenDigest == null || ADMIN_PATHS.stream().noneMatch(path::startsWith)) {
            return chain.filter(exchange);
        }
        String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                && MessageDigest.isEqual(tokenDigest, digest(authorization.substring(7).strip()))) {
            return chain.filter(exchange);
        }
        var response = exchange.getResponse();
        response.setStatusCode(HttpStatus.UNAUTHORIZED);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        DataBuffer body = response.bufferFactory().wrap(REFUSED);
        return response.writeWith(Mono.just(body));
    }

    private static byte[] digest(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
