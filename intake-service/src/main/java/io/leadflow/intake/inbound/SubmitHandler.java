package io.leadflow.intake.inbound;

import io.leadflow.flow.SourceAuth;
import io.leadflow.intake.config.IntakeProperties;
import io.leadflow.intake.domain.Admission;
import io.leadflow.intake.domain.AnswerOutcome;
import io.leadflow.intake.domain.Caller;
import io.leadflow.intake.domain.IntakeAnswer;
import io.leadflow.intake.domain.LeadIntake;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.reactor.netty.NettyRouteProvider;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;

/**
 * {@code /flows/{flow}/sources/{source}/submit} (a lead) and {@code .../ping} (a bid request), any method: admits the
 * caller before reading the body, reads the request as LeadConduit's default inbound does, hands it to
 * {@link LeadIntake} and writes its answer. Nothing here blocks the event loop. Served by Reactor Netty ahead of
 * WebFlux (a route of the same server): on the path every lead takes, WebFlux's exchange, dispatch and response
 * writing cost more than reading the request; it times these routes into WebFlux's {@code http.server.requests}.
 */
@Component
public class SubmitHandler implements NettyRouteProvider {

    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private static final Logger log = LoggerFactory.getLogger(SubmitHandler.class);
    private static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;

    private final LeadIntake intake;
    private final DefaultInbound inbound;
    private final InboundAnswers answers;
    private final IntakeMetrics metrics;
    private final int maxBodyBytes;

    public SubmitHandler(LeadIntake intake, DefaultInbound inbound, InboundAnswers answers, IntakeMetrics metrics,
                         IntakeProperties properties) {
        this.intake = intake;
        this.inbound = inbound;
        this.answers = answers;
        this.metrics = metrics;
        this.maxBodyBytes = (int) properties.maxBodySize().toBytes();
    }

    @Override
    public HttpServerRoutes apply(HttpServerRoutes routes) {
        return routes.route(request -> SubmitPath.of(SubmitPath.target(request.uri())) != null, this::serve);
    }

    private Publisher<Void> serve(HttpServerRequest request, HttpServerResponse response) {
        long started = System.nanoTime();
        SubmitPath.Target target = SubmitPath.target(request.uri());
        SubmitPath path = SubmitPath.of(target);
        return Mono.defer(() -> receive(path, target, request))
                .onErrorResume(unexpected -> {
                    log.error("Submission failed unexpectedly", unexpected);
                    return Mono.just(HttpAnswer.text(500, "Internal error"));
                })
                .flatMap(answer -> {
                    metrics.timeRequest(path.template(), request.method().name(), answer.status(),
                            System.nanoTime() - started);
                    return write(answer, response);
                });
    }

    private Mono<HttpAnswer> receive(SubmitPath path, SubmitPath.Target target, HttpServerRequest request) {
        Map<String, String> headers = headersOf(request.requestHeaders());
        Admission admission = intake.admit(path.flowId(), path.sourceId(), caller(request, target, headers));
        if (admission instanceof IntakeAnswer.Refused refused) {
            metrics.countSubmission(refused.flowId(), refused.sourceId(), refused.outcome());
            return Mono.just(InboundAnswers.refusal(refused));
        }
        Admission.Admitted admitted = (Admission.Admitted) admission;
        String method = request.method().name();
        HttpAnswer early = earlyRefusal(method, headers);
        if (early != null) {
            return refusedHere(admitted, path, early);
        }
        return body(request)
                .map(body -> inbound.read(new SourceRequest(method, target.uri(), headers, body),
                        hiddenQueryNames(admitted)))
                .flatMap(read -> read instanceof DefaultInbound.Submitted submitted
                        ? answer(admitted, submitted, headers)
                        : refusedHere(admitted, path, ((DefaultInbound.Refused) read).answer()))
                .onErrorResume(BodyTooLarge.class, tooLarge -> refusedHere(admitted, path, tooLarge()));
    }

    private Mono<HttpAnswer> answer(Admission.Admitted admitted, DefaultInbound.Submitted submitted,
                                    Map<String, String> headers) {
        boolean verbose = admitted.source().verbose();
        if (submitted.format().ping()) {
            IntakeAnswer.Answered bid = intake.ping(admitted, submitted.values());
            metrics.countPing(bid.flowId(), bid.sourceId(), bid.outcome());
            return Mono.just(answers.render(submitted.format(), bid, verbose));
        }
        String key = headers.get(IDEMPOTENCY_KEY);
        return Mono.fromFuture(() -> intake.submit(admitted, submitted.values(), key))
                .map(answer -> {
                    metrics.countSubmission(answer.flowId(), answer.sourceId(), answer.outcome());
                    return answer instanceof IntakeAnswer.Answered answered
                            ? answers.render(submitted.format(), answered, verbose)
                            : InboundAnswers.refusal((IntakeAnswer.Refused) answer);
                });
    }

    /** What is wrong with the request before its body is read: its method, size or Idempotency-Key. */
    private HttpAnswer earlyRefusal(String method, Map<String, String> headers) {
        if (!method.equals("GET") && !method.equals("POST")) {
            return DefaultInbound.methodNotAllowed(method);
        }
        String length = headers.get(HttpHeaderNames.CONTENT_LENGTH.toString());
        if (length != null && isLongerThan(length, maxBodyBytes)) {
            return tooLarge();
        }
        String key = headers.get(IDEMPOTENCY_KEY);
        if (key != null && !isValidIdempotencyKey(key)) {
            return HttpAnswer.text(400, IDEMPOTENCY_KEY + " must be 1 to " + MAX_IDEMPOTENCY_KEY_LENGTH
                    + " visible ASCII characters");
        }
        return null;
    }

    private static boolean isLongerThan(String contentLength, int maxBytes) {
        try {
            return Long.parseLong(contentLength.trim()) > maxBytes;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isValidIdempotencyKey(String key) {
        return !key.isEmpty() && key.length() <= MAX_IDEMPOTENCY_KEY_LENGTH
                && key.chars().allMatch(c -> c > ' ' && c < 127);
    }

    private HttpAnswer tooLarge() {
        return HttpAnswer.text(413, "Request body is larger than " + maxBodyBytes + " bytes");
    }

    private Mono<HttpAnswer> refusedHere(Admission.Admitted admitted, SubmitPath path, HttpAnswer answer) {
        String flowId = admitted.flow().id();
        String sourceId = admitted.source().id();
        if (path.ping()) {
            metrics.countPing(flowId, sourceId, AnswerOutcome.ERROR);
        } else {
            metrics.countSubmission(flowId, sourceId, AnswerOutcome.ERROR);
        }
        return Mono.just(answer);
    }

    /** The request's whole body, failing with {@link BodyTooLarge} beyond the limit (chunked bodies included). */
    private Mono<byte[]> body(HttpServerRequest request) {
        return request.receive()
                .reduceWith(ByteArrayOutputStream::new, (collected, chunk) -> append(collected, chunk))
                .map(ByteArrayOutputStream::toByteArray)
                .defaultIfEmpty(new byte[0]);
    }

    private ByteArrayOutputStream append(ByteArrayOutputStream collected, ByteBuf chunk) {
        int length = chunk.readableBytes();
        if (collected.size() + length > maxBodyBytes) {
            throw new BodyTooLarge();
        }
        byte[] bytes = new byte[length];
        chunk.readBytes(bytes);
        collected.write(bytes, 0, length);
        return collected;
    }

    /** The query parameter carrying a source's API key is no lead data. */
    private static Set<String> hiddenQueryNames(Admission.Admitted admitted) {
        return admitted.source().auth() instanceof SourceAuth.ApiKey apiKey && apiKey.queryParameter() != null
                ? Set.of(apiKey.queryParameter()) : Set.of();
    }

    /** A request's headers by case-insensitive name, a repeated header's values joined with commas. */
    static Map<String, String> headersOf(HttpHeaders sent) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Map.Entry<String, String> header : sent) {
            headers.merge(header.getKey(), header.getValue(), (first, next) -> first + ", " + next);
        }
        return headers;
    }

    private static Caller caller(HttpServerRequest request, SubmitPath.Target target, Map<String, String> headers) {
        InetSocketAddress remote = request.remoteAddress();
        return new Caller(remote == null ? null : remote.getAddress(), headers,
                QueryString.parse(target.rawQuery(), StandardCharsets.UTF_8));
    }

    private static Mono<Void> write(HttpAnswer answer, HttpServerResponse response) {
        byte[] body = answer.bodyBytes();
        response.status(answer.status());
        answer.headers().forEach(response::header);
        response.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.length));
        return response.sendByteArray(Mono.just(body)).then();
    }

    /** The body went beyond the limit while it was read. */
    private static final class BodyTooLarge extends RuntimeException {

        BodyTooLarge() {
            super(null, null, false, false);
        }
    }
}
