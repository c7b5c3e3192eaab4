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
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;
import reactor.netty.http.client.PrematureCloseException;
import reactor.netty.resources.ConnectionProvider;

/**
 * Sends integration requests with Reactor Netty: pooled, non-blocking, with a per-request timeout, a response size
 * limit and, unless private networks are allowed (local mode, tests), the {@link PrivateAddressGuard} — except for
 * the deployment's own trusted origins (the lists API), which may be on private addresses.
 */
public final class ReactorOutboundHttp implements OutboundHttp, AutoCloseable {

    /** The largest response body read: 1 MiB. */
    public static final int MAX_RESPONSE_BYTES = 1024 * 1024;
    private static final Pattern DECLARED_LENGTH = Pattern.compile("\\d{1,18}");

    private final ConnectionProvider connections;
    private final HttpClient client;
    private final HttpClient trustedClient;
    private final Set<String> trustedOrigins;
    private final int maxResponseBytes;

    public ReactorOutboundHttp(boolean allowPrivateNetworks, int maxConnections) {
        this(allowPrivateNetworks, maxConnections, Set.of());
    }

    /**
     * {@code trustedOrigins}: base URLs set by the deployment (not by flows), whose origin (scheme, host, port) is
     * reached without the private-address guard.
     */
    public ReactorOutboundHttp(boolean allowPrivateNetworks, int maxConnections, Set<String> trustedOrigins) {
        this(allowPrivateNetworks, maxConnections, MAX_RESPONSE_BYTES, trustedOrigins);
    }

    ReactorOutboundHttp(boolean allowPrivateNetworks, int maxConnections, int maxResponseBytes) {
        this(allowPrivateNetworks, maxConnections, maxResponseBytes, Set.of());
    }

    private ReactorOutboundHttp(boolean allowPrivateNetworks, int maxConnections, int maxResponseBytes,
                                Set<String> trustedOrigins) {
        this.maxResponseBytes = maxResponseBytes;
        this.connections = ConnectionProvider.builder("leadflow-outbound")
                .maxConnections(maxConnections)
                .pendingAcquireMaxCount(-1)
                .maxIdleTime(Duration.ofSeconds(30))
                .build();
        HttpClient base = HttpClient.create(connections).headers(headers -> headers.set("User-Agent", "Leadflow"));
        this.client = allowPrivateNetworks ? base : base.resolver(new PrivateAddressGuard());
        this.trustedClient = base;
        this.trustedOrigins = trustedOrigins.stream().map(ReactorOutboundHttp::origin)
                .filter(java.util.Objects::nonNull).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** {@code scheme://host:port} in lower case with the default port made explicit; null for an unusable URL. */
    static String origin(String url) {
        try {
            URI uri = URI.create(url.trim());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return null;
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public CompletableFuture<OutboundResponse> send(OutboundRequest request, Duration timeout) {
        byte[] body = request.body() == null ? null : request.body().getBytes(StandardCharsets.UTF_8);
        HttpClient sender = !trustedOrigins.isEmpty() && trustedOrigins.contains(origin(request.url()))
                ? trustedClient : client;
        return sender.followRedirect(request.followRedirects())
                .responseTimeout(timeout)
                .headers(headers -> request.headers().forEach((name, value) -> {
                    // the length is the body's, whatever a module or user wrote
                    if (!name.equalsIgnoreCase("Content-Length")) {
                        headers.set(name, value);
                    }
                }))
                .request(HttpMethod.valueOf(request.method()))
                .uri(request.url())
                .send((outbound, out) -> {
                    if (body == null) {
                        return out;
                    }
                    outbound.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.length));
                    return out.sendByteArray(Mono.just(body));
                })
                .response((response, content) -> read(response, content))
                .next()
                .timeout(timeout.plusMillis(100))
                .onErrorMap(failure -> !(failure instanceof OutboundCallException), failure -> explain(failure, timeout))
                .toFuture();
    }

    /**
     * Reads the body while it arrives and stops (closing the connection) as soon as it passes the limit, or at once
     * when the declared length already does, so a huge or endless answer never fills the memory.
     */
    private Mono<OutboundResponse> read(HttpClientResponse response, ByteBufFlux content) {
        String declared = response.responseHeaders().get(HttpHeaderNames.CONTENT_LENGTH);
        if (declared != null && DECLARED_LENGTH.matcher(declared).matches()
                && Long.parseLong(declared) > maxResponseBytes) {
            return Mono.error(tooLarge());
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        return content.asByteArray()
                .<byte[]>handle((chunk, sink) -> {
                    if (body.size() + chunk.length > maxResponseBytes) {
                        sink.error(tooLarge());
                    } else {
                        body.write(chunk, 0, chunk.length);
                    }
                })
                .then(Mono.fromCallable(() -> toResponse(response, body.toByteArray())));
    }

    private OutboundCallException tooLarge() {
        return new OutboundCallException("Response larger than " + maxResponseBytes / 1024 + " KiB");
    }

    private static OutboundResponse toResponse(HttpClientResponse response, byte[] bytes) {
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
