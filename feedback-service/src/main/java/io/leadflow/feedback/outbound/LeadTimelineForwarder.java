package io.leadflow.feedback.outbound;

import io.netty.channel.ChannelOption;
import java.net.URI;
import java.time.Duration;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/** Asks the instance that owns a lead's partition for its timeline: one hop, marked so the owner does not forward again. */
public class LeadTimelineForwarder {

    public static final String FORWARDED_HEADER = "X-Leadflow-Forwarded";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final WebClient client = WebClient.builder()
            .clientConnector(new ReactorClientHttpConnector(HttpClient.create()
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) TIMEOUT.toMillis())
                    .responseTimeout(TIMEOUT)))
            .build();

    /** The owner's answer, status and body as it gave them. */
    public Mono<ResponseEntity<String>> timeline(URI owner, String leadId) {
        return client.get()
                .uri(owner + "/leads/{id}", leadId)
                .header(FORWARDED_HEADER, "true")
                .exchangeToMono(response -> response.toEntity(String.class));
    }
}
