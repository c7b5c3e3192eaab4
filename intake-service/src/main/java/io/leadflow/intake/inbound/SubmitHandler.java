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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code /flows/{flow}/sources/{source}/submit} (a lead) and {@code .../ping} (a bid request), any method: admits the
 * caller before reading the body, reads the request as LeadConduit's default inbound does, hands it to
 * {@link LeadIntake} and writes its answer. Nothing here blocks the event loop.
 */
@RestController
public class SubmitController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private static final Logger log = LoggerFactory.getLogger(SubmitController.class);
    private static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;

    private final LeadIntake intake;
    private final DefaultInbound inbound;
    private final InboundAnswers answers;
    private final IntakeMetrics metrics;
    private final int maxBodyBytes;

    public SubmitController(LeadIntake intake, DefaultInbound inbound, InboundAnswers answers, IntakeMetrics metrics,
                            IntakeProperties properties) {
        this.intake = intake;
        this.inbound = inbound;
        this.answers = answers;
        this.metrics = metrics;
        this.maxBodyBytes = (int) properties.maxBodySize().toBytes();
    }

    @RequestMapping("/flows/{flowId}/sources/{sourceId}/{action:submit|ping}")
    public Mono<ResponseEntity<byte[]>> receive(@PathVariable String flowId, @PathVariable String sourceId,
                                                ServerHttpRequest request) {
        Admission admission = intake.admit(flowId, sourceId, caller(request));
        if (admission instanceof IntakeAnswer.Refused refused) {
            metrics.countSubmission(refused.flowId(), refused.sourceId(), refused.outcome());
            return Mono.just(http(InboundAnswers.refusal(refused)));
        }
        Admission.Admitted admitted = (Admission.Admitted) admission;
        HttpAnswer early = earlyRefusal(request);
        if (early != null) {
            return Mono.just(refusedHere(admitted, request, early));
        }
        return RequestBodies.read(request, maxBodyBytes)
                .map(body -> inbound.read(sourceRequest(request, body), hiddenQueryNames(admitted)))
                .flatMap(read -> read instanceof DefaultInbound.Submitted submitted ? answer(admitted, submitted, request)
                        : Mono.just(refusedHere(admitted, request, ((DefaultInbound.Refused) read).answer())))
                .onErrorResume(DataBufferLimitException.class,
                        tooLarge -> Mono.just(refusedHere(admitted, request, tooLarge())));
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<byte[]> unexpected(Exception e) {
        log.error("Submission failed unexpectedly", e);
        return http(HttpAnswer.text(HttpStatus.INTERNAL_SERVER_ERROR.value(), "Internal error"));
    }

    private Mono<ResponseEntity<byte[]>> answer(Admission.Admitted admitted, DefaultInbound.Submitted submitted,
                                                ServerHttpRequest request) {
        boolean verbose = admitted.source().verbose();
        if (submitted.format().ping()) {
            IntakeAnswer.Answered bid = intake.ping(admitted, submitted.values());
            metrics.countPing(bid.flowId(), bid.sourceId(), bid.outcome());
            return Mono.just(http(answers.render(submitted.format(), bid, verbose)));
        }
        String key = request.getHeaders().getFirst(IDEMPOTENCY_KEY);
        return Mono.fromFuture(() -> intake.submit(admitted, submitted.values(), key))
                .doOnNext(answer -> metrics.countSubmission(answer.flowId(), answer.sourceId(), answer.outcome()))
                .map(answer -> http(answer instanceof IntakeAnswer.Answered answered
                        ? answers.render(submitted.format(), answered, verbose)
                        : InboundAnswers.refusal((IntakeAnswer.Refused) answer)));
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

    private ResponseEntity<byte[]> refusedHere(Admission.Admitted admitted, ServerHttpRequest request,
                                               HttpAnswer answer) {
        String flowId = admitted.flow().id();
        String sourceId = admitted.source().id();
        if (request.getURI().getPath().endsWith("/ping")) {
            metrics.countPing(flowId, sourceId, AnswerOutcome.ERROR);
        } else {
            metrics.countSubmission(flowId, sourceId, AnswerOutcome.ERROR);
        }
        return http(answer);
    }

    /** The query parameter carrying a source's API key is no lead data. */
    private static Set<String> hiddenQueryNames(Admission.Admitted admitted) {
        return admitted.source().auth() instanceof SourceAuth.ApiKey apiKey && apiKey.queryParameter() != null
                ? Set.of(apiKey.queryParameter()) : Set.of();
    }

    private static Caller caller(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        return new Caller(remote == null ? null : remote.getAddress(), headers(request),
                QueryString.parse(request.getURI().getRawQuery(), StandardCharsets.UTF_8));
    }

    static SourceRequest sourceRequest(ServerHttpRequest request, byte[] body) {
        String query = request.getURI().getRawQuery();
        String uri = request.getURI().getRawPath() + (query == null ? "" : "?" + query);
        return new SourceRequest(request.getMethod().name(), uri, headers(request), body);
    }

    private static Map<String, String> headers(ServerHttpRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        request.getHeaders().forEach((name, values) -> headers.put(name, String.join(", ", values)));
        return headers;
    }

    static ResponseEntity<byte[]> http(HttpAnswer answer) {
        HttpHeaders headers = new HttpHeaders();
        answer.headers().forEach(headers::set);
        return ResponseEntity.status(answer.status()).headers(headers).body(answer.bodyBytes());
    }
}
