package io.leadflow.intake.inbound;

import io.leadflow.intake.config.IntakeProperties;
import io.leadflow.intake.domain.LeadIntake;
import io.leadflow.intake.domain.Refusal;
import io.leadflow.intake.domain.Submission;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code GET|POST /flows/{flow}/sources/{source}/submit}: a source submits a lead. Reads the request, hands it to
 * {@link LeadIntake} and writes its answer; nothing here blocks the event loop.
 */
@RestController
public class SubmitController {

    private static final Logger log = LoggerFactory.getLogger(SubmitController.class);
    private static final String SUBMIT = "/flows/{flowId}/sources/{sourceId}/submit";

    private final LeadIntake intake;
    private final SubmissionParser parser;
    private final IntakeResponses responses;
    private final IntakeMetrics metrics;
    private final int maxBodyBytes;

    public SubmitController(LeadIntake intake, SubmissionParser parser, IntakeResponses responses,
                            IntakeMetrics metrics, IntakeProperties properties) {
        this.intake = intake;
        this.parser = parser;
        this.responses = responses;
        this.metrics = metrics;
        this.maxBodyBytes = (int) properties.maxBodySize().toBytes();
    }

    @GetMapping(SUBMIT)
    public Mono<ResponseEntity<String>> submitQuery(@PathVariable String flowId, @PathVariable String sourceId,
                                                    ServerHttpRequest request) {
        return answer(flowId, sourceId, parser.parseQuery(request.getURI().getRawQuery()));
    }

    @PostMapping(SUBMIT)
    public Mono<ResponseEntity<String>> submit(@PathVariable String flowId, @PathVariable String sourceId,
                                               ServerHttpRequest request) {
        String contentType = request.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE);
        return DataBufferUtils.join(request.getBody(), maxBodyBytes)
                .map(buffer -> {
                    byte[] bytes = new byte[buffer.readableByteCount()];
                    buffer.read(bytes);
                    DataBufferUtils.release(buffer);
                    return bytes;
                })
                .defaultIfEmpty(new byte[0])
                .map(body -> parser.parse(contentType, body, request.getURI().getRawQuery()))
                .onErrorResume(DataBufferLimitException.class, tooLarge -> Mono.just(new Submission.Unreadable(
                        Refusal.BODY_TOO_LARGE, "Request body is larger than " + maxBodyBytes + " bytes")))
                .flatMap(submission -> answer(flowId, sourceId, submission));
    }

    /** Any other method, as LeadConduit answers it. */
    @RequestMapping(SUBMIT)
    public ResponseEntity<String> otherMethod(ServerHttpRequest request) {
        return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED)
                .header(HttpHeaders.ALLOW, "GET, POST")
                .contentType(MediaType.TEXT_PLAIN)
                .body("The " + request.getMethod().name() + " method is not allowed");
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<String> unexpected(Exception e) {
        log.error("Submission failed unexpectedly", e);
        return IntakeResponses.text(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");
    }

    private Mono<ResponseEntity<String>> answer(String flowId, String sourceId, Submission submission) {
        return Mono.fromFuture(() -> intake.submit(flowId, sourceId, submission))
                .doOnNext(metrics::count)
                .map(responses::render);
    }
}
