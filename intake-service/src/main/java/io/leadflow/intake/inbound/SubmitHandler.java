package io.leadflow.intake.inbound;

import io.leadflow.flow.SourceAuth;
import io.leadflow.intake.config.IntakeProperties;
import io.leadflow.intake.domain.Admission;
import io.leadflow.intake.domain.AnswerOutcome;
import io.leadflow.intake.domain.Caller;
import io.leadflow.intake.domain.IntakeAnswer;
import io.leadflow.intake.domain.LeadIntake;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * {@code /flows/{flow}/sources/{source}/submit} (a lead) and {@code .../ping} (a bid request), any method: admits the
 * caller before reading the body, reads the request as LeadConduit's default inbound does, hands it to
 * {@link LeadIntake} and writes its answer. Nothing here blocks the event loop. A functional endpoint: on the path
 * every lead takes, annotation-driven dispatch cost more than reading the request.
 */
@Configuration(proxyBeanMethods = false)
public class SubmitHandler {

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

    @Bean
    RouterFunction<ServerResponse> submitRoutes() {
        return RouterFunctions.route(RequestPredicates.path("/flows/{flowId}/sources/{sourceId}/submit")
                .or(RequestPredicates.path("/flows/{flowId}/sources/{sourceId}/ping")), this::receive);
    }

    private Mono<ServerResponse> receive(ServerRequest serverRequest) {
        ServerHttpRequest request = serverRequest.exchange().getRequest();
        return Mono.defer(() -> receive(serverRequest.pathVariable("flowId"), serverRequest.pathVariable("sourceId"),
                        request))
                .onErrorResume(unexpected -> {
                    log.error("Submission failed unexpectedly", unexpected);
                    return write(HttpAnswer.text(500, "Internal error"));
                });
    }

    private Mono<ServerResponse> receive(String flowId, String sourceId, ServerHttpRequest request) {
        Map<String, String> headers = SourceRequest.headersOf(request);
        Admission admission = intake.admit(flowId, sourceId, caller(request, headers));
        if (admission instanceof IntakeAnswer.Refused refused) {
            metrics.countSubmission(refused.flowId(), refused.sourceId(), refused.outcome());
            return write(InboundAnswers.refusal(refused));
        }
        Admission.Admitted admitted = (Admission.Admitted) admission;
        HttpAnswer early = earlyRefusal(request);
        if (early != null) {
            return refusedHere(admitted, request, early);
        }
        return RequestBodies.read(request, maxBodyBytes)
                .map(body -> inbound.read(SourceRequest.of(request, headers, body), hiddenQueryNames(admitted)))
                .flatMap(read -> read instanceof DefaultInbound.Submitted submitted
                        ? answer(admitted, submitted, request)
                        : refusedHere(admitted, request, ((DefaultInbound.Refused) read).answer()))
                .onErrorResume(DataBufferLimitException.class, tooLarge -> refusedHere(admitted, request, tooLarge()));
    }

    private Mono<ServerResponse> answer(Admission.Admitted admitted, DefaultInbound.Submitted submitted,
                                        ServerHttpRequest request) {
        boolean verbose = admitted.source().verbose();
        if (submitted.format().ping()) {
            IntakeAnswer.Answered bid = intake.ping(admitted, submitted.values());
            metrics.countPing(bid.flowId(), bid.sourceId(), bid.outcome());
            return write(answers.render(submitted.format(), bid, verbose));
        }
        String key = request.getHeaders().getFirst(IDEMPOTENCY_KEY);
        return Mono.fromFuture(() -> intake.submit(admitted, submitted.values(), key))
                .flatMap(answer -> {
                    metrics.countSubmission(answer.flowId(), answer.sourceId(), answer.outcome());
                    return write(answer instanceof IntakeAnswer.Answered answered
                            ? answers.render(submitted.format(), answered, verbose)
                            : InboundAnswers.refusal((IntakeAnswer.Refused) answer));
                });
    }

    /** What is wrong with the request before its body is read: its method, size or Idempotency-Key. */
    private HttpAnswer earlyRefusal(ServerHttpRequest request) {
        String method = request.getMethod().name();
        if (!method.equals("GET") && !method.equals("POST")) {
            return DefaultInbound.methodNotAllowed(method);
        }
        if (request.getHeaders().getContentLength() > maxBodyBytes) {
            return tooLarge();
        }
        String key = request.getHeaders().getFirst(IDEMPOTENCY_KEY);
        if (key != null && !isValidIdempotencyKey(key)) {
            return HttpAnswer.text(400, IDEMPOTENCY_KEY + " must be 1 to " + MAX_IDEMPOTENCY_KEY_LENGTH
                    + " visible ASCII characters");
        }
        return null;
    }

    private static boolean isValidIdempotencyKey(String key) {
        return !key.isEmpty() && key.length() <= MAX_IDEMPOTENCY_KEY_LENGTH
                && key.chars().allMatch(c -> c > ' ' && c < 127);
    }

    private HttpAnswer tooLarge() {
        return HttpAnswer.text(413, "Request body is larger than " + maxBodyBytes + " bytes");
    }

    private Mono<ServerResponse> refusedHere(Admission.Admitted admitted, ServerHttpRequest request,
                                             HttpAnswer answer) {
        String flowId = admitted.flow().id();
        String sourceId = admitted.source().id();
        if (request.getURI().getPath().endsWith("/ping")) {
            metrics.countPing(flowId, sourceId, AnswerOutcome.ERROR);
        } else {
            metrics.countSubmission(flowId, sourceId, AnswerOutcome.ERROR);
        }
        return write(answer);
    }

    /** The query parameter carrying a source's API key is no lead data. */
    private static Set<String> hiddenQueryNames(Admission.Admitted admitted) {
        return admitted.source().auth() instanceof SourceAuth.ApiKey apiKey && apiKey.queryParameter() != null
                ? Set.of(apiKey.queryParameter()) : Set.of();
    }

    private static Caller caller(ServerHttpRequest request, Map<String, String> headers) {
        InetSocketAddress remote = request.getRemoteAddress();
        return new Caller(remote == null ? null : remote.getAddress(), headers,
                QueryString.parse(request.getURI().getRawQuery(), StandardCharsets.UTF_8));
    }

    private static Mono<ServerResponse> write(HttpAnswer answer) {
        return ServerResponse.status(answer.status())
                .headers(headers -> answer.headers().forEach(headers::set))
                .bodyValue(answer.bodyBytes());
    }
}
