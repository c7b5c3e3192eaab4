package io.leadflow.flow.http;

import io.leadflow.flow.run.OutboundCallException;
import io.leadflow.flow.run.OutboundHttp;
import io.leadflow.integration.OutboundRequest;
import io.leadflow.integration.OutboundResponse;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.timeout.ReadTimeoutException;
import java.io.ByteArrayOutputStream;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;
import reactor.netty.http.client.PrematureCloseException;
import reactor.netty.resources.ConnectionProvider;

/**
 * Sends integration requests with Reactor Netty: pooled, non-blocking, with a per-request timeout, a response size
 * limit and, unless private networks are allowed (local mode, tests), the {@link PrivateAddressGuard}.
 */
public final class ReactorOutboundHttp implements OutboundHttp, AutoCloseable {

    private static final int MAX_RESPONSE_BYTES = 1024 * 1024;

    private final ConnectionProvider connections;
    private final HttpClient client;

    public ReactorOutboundHttp(boolean allowPrivateNetworks, int maxConnections) {
        this.connections = ConnectionProvider.builder("leadflow-outbound")
                .maxConnections(maxConnections)
                .pendingAcquireMaxCount(-1)
                .maxIdleTime(Duration.ofSeconds(30))
                .build();
        HttpClient base = HttpClient.create(connections).headers(headers -> headers.set("User-Agent", "Leadflow"));
        this.client = allowPrivateNetworks ? base : base.resolver(new PrivateAddressGuard());
    }

    @Override
    public CompletableFuture<OutboundResponse> send(OutboundRequest request, Duration timeout) {
        byte[] body = request.body() == null ? null : request.body().getBytes(StandardCharsets.UTF_8);
        return client.followRedirect(request.followRedirects())
                .responseTimeout(timeout)
                .headers(headers -> request.headers().forEach(headers::set))
                .request(HttpMethod.valueOf(request.method()))
                .uri(request.url())
                .send((outbound, out) -> {
                    if (body == null) {
                        return out;
                    }
                    outbound.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.length));
                    return out.sendByteArray(Mono.just(body));
                })
                .responseSingle((response, content) -> content.asByteArray()
                        .defaultIfEmpty(new byte[0])
                        .map(bytes -> toResponse(response, bytes)))
                .timeout(timeout.plusMillis(100))
                .onErrorMap(failure -> !(failure instanceof OutboundCallException), failure -> explain(failure, timeout))
                .toFuture();
    }

    private static OutboundResponse toResponse(HttpClientResponse response, byte[] bytes) {
        if (bytes.length > MAX_RESPONSE_BYTES) {
            throw new OutboundCallException("Response larger than " + MAX_RESPONSE_BYTES / 1024 + " KiB");
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        response.responseHeaders().forEach(header ->
                headers.computeIfAbsent(header.getKey(), name -> new ArrayList<>()).add(header.getValue()));
        return new OutboundResponse(response.status().code(), headers, new String(bytes, charset(response)));
    }

    private static Charset charset(HttpClientResponse response) {
        String contentType = response.responseHeaders().get(HttpHeaderNames.CONTENT_TYPE);
        if (contentType != null) {
            for (String parameter : contentType.split(";")) {
                String[] pair = parameter.trim().split("=", 2);
                if (pair.length == 2 && pair[0].equalsIgnoreCase("charset")) {
                    try {
                        return Charset.forName(pair[1].trim().replace("\"", ""));
                    } catch (RuntimeException e) {
                        return StandardCharsets.UTF_8;
                    }
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    private static OutboundCallException explain(Throwable failure, Duration timeout) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String reason = reasonFor(cause, timeout);
            if (reason != null) {
                return new OutboundCallException(reason, failure);
            }
        }
        return new OutboundCallException("Request failed: " + failure.getClass().getSimpleName(), failure);
    }

    private static String reasonFor(Throwable cause, Duration timeout) {
        if (cause instanceof PrivateAddressGuard.PrivateAddressException) {
            return "Refused: the URL resolves to a private address";
        }
        if (cause instanceof ConnectTimeoutException) {
            return "Connection timed out";
        }
        if (cause instanceof ReadTimeoutException || cause instanceof TimeoutException) {
            return "Timed out after " + describe(timeout);
        }
        if (cause instanceof UnknownHostException) {
            return "Unknown host";
        }
        if (cause instanceof ConnectException) {
            return "Connection refused";
        }
        if (cause instanceof PrematureCloseException) {
            return "Connection closed before a response";
        }
        if (cause instanceof SSLException) {
            return "TLS handshake failed";
        }
        return null;
    }

    private static String describe(Duration timeout) {
        long millis = timeout.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    @Override
    public void close() {
        connections.dispose();
    }
}
