package io.leadflow.intake.inbound;

import io.leadflow.intake.config.IntakeProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Guards the admin APIs ({@code /api/**}): when an admin token is configured, a call needs
 * {@code Authorization: Bearer <token>} (compared in constant time); without one they are open, as on a local stack.
 */
@Component
public class AdminTokenFilter implements WebFilter {

    private static final String ADMIN_PATHS = "/api/";
    private static final byte[] REFUSED = "{\"error\":\"This API needs the admin token: Authorization: Bearer <token>\"}"
            .getBytes(StandardCharsets.UTF_8);

    private final byte[] tokenDigest;

    public AdminTokenFilter(IntakeProperties properties) {
        this.tokenDigest = properties.adminToken().isBlank() ? null : digest(properties.adminToken());
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (tokenDigest == null || !exchange.getRequest().getPath().value().startsWith(ADMIN_PATHS)) {
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
