package io.leadflow.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.leadflow.schemas.Topics;
import io.leadflow.schemas.delivery.LeadCompleted;
import io.leadflow.schemas.kafka.AvroDeserializer;
import java.io.IOException;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Delivery under faults, on a broker and a delivery-service that run as child processes: SIGKILL of delivery and a
 * broker restart in the middle of a stream of leads, and a buyer that hangs beside one that answers at once. Counts
 * and order only; every process stops with the class.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeliveryFaultsIT {

    private static final Pattern LEAD_ID = Pattern.compile("\"id\":\"([0-9a-f]+)\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static Path directory;
    private static WireMockServer buyers;
    private static FaultStack stack;
    private static KafkaConsumer<String, LeadCompleted> completed;
    private static final Map<String, Integer> completions = new HashMap<>();

    /** A lead intake accepted: its id and the email that tells its requests apart. */
    private record Accepted(String leadId, String email) {
    }

    @BeforeAll
    static void startStack() throws Exception {
        directory = Files.createTempDirectory("leadflow-faults");
        buyers = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
                .asynchronousResponseEnabled(true).asynchronousResponseThreads(8).containerThreads(64));
        buyers.start();
        buyers.stubFor(post("/a").willReturn(okJson("{\"status\":\"accepted\"}").withFixedDelay(100)));
        buyers.stubFor(post("/b").willReturn(okJson("{\"status\":\"accepted\"}").withFixedDelay(100)));
        buyers.stubFor(post("/healthy").willReturn(okJson("{\"status\":\"accepted\"}")));
        buyers.stubFor(post("/hanging").willReturn(okJson("{\"status\":\"accepted\"}").withFixedDelay(180_000)));
        stack = new FaultStack(directory, "http://127.0.0.1:" + buyers.port());
        stack.start();
        AvroDeserializer<LeadCompleted> values = new AvroDeserializer<>();
        Map<String, Object> settings = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        values.configure(settings, false);
        completed = new KafkaConsumer<>(settings, new StringDeserializer(), values);
        List<TopicPartition> partitions = completed.partitionsFor(Topics.LEAD_COMPLETED, Duration.ofSeconds(30))
                .stream().map(info -> new TopicPartition(Topics.LEAD_COMPLETED, info.partition())).toList();
        completed.assign(partitions);
        completed.seekToBeginning(partitions);
    }

    @AfterAll
    static void stopStack() throws Exception {
        if (completed != null) {
            completed.close(Duration.ofSeconds(5));
        }
        if (stack != null) {
            stack.close();
        }
        if (buyers != null) {
            buyers.stop();
        }
        Pipeline.deleteRecursively(directory);
    }

    @Test
    @Order(1)
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void everyAcceptedLeadCompletesOnceAndReachesEveryBuyerThroughACrashOfDeliveryAndABrokerRestart()
            throws Exception {
        List<Accepted> accepted = new ArrayList<>();
        accepted.addAll(submit("crash", 0, 80));
        await().atMost(Duration.ofSeconds(60)).until(() -> completedCount(accepted) >= 20);

        stack.killDelivery();
        accepted.addAll(submit("crash", 80, 40));
        stack.restartDelivery();
        accepted.addAll(submit("crash", 120, 40));
        stack.restartBroker();
        accepted.addAll(submit("crash", 160, 40));

        assertThat(accepted).as("leads intake accepted").hasSizeGreaterThanOrEqualTo(190);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> completedCount(accepted) == accepted.size());
        readCompletions(Duration.ofSeconds(2));
        Map<String, Integer> repeated = new LinkedHashMap<>();
        completions.forEach((lead, count) -> {
            if (count != 1) {
                repeated.put(lead, count);
            }
        });
        assertThat(repeated).as("leads with more than one LeadCompleted").isEmpty();
        for (String buyer : List.of("a", "b")) {
            Map<String, List<LoggedRequest>> byEmail = requestsByEmail("/" + buyer);
            for (Accepted lead : accepted) {
                List<LoggedRequest> received = byEmail.getOrDefault(lead.email(), List.of());
                assertThat(received).as("requests to buyer " + buyer + " for " + lead.email()).isNotEmpty();
                assertThat(received).extracting(request -> request.getHeader("Idempotency-Key"))
                        .as("every request for " + lead.email() + " carries its Idempotency-Key")
                        .containsOnly(lead.leadId() + ":buyer-" + buyer);
            }
        }
    }

    @Test
    @Order(2)
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void leadsForAHealthyBuyerCompleteWhileAHangingBuyersRequestsAreStillOpen() throws Exception {
        List<Accepted> stuck = new ArrayList<>();
        List<Accepted> healthy = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            stuck.addAll(submit("stuck", i, 1));
            healthy.addAll(submit("healthy", i, 1));
        }

        // The hanging buyer answers after 180 s and the step times out after 150 s: until then none of its leads
        // can complete, so whatever this wait sees happened while all of its requests were open.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> completedCount(healthy) == healthy.size()
                        && buyers.findAll(postRequestedFor(urlEqualTo("/hanging"))).size() == stuck.size());

        assertThat(healthy).hasSize(40);
        assertThat(stuck).hasSize(40);
        assertThat(completedCount(stuck)).as("leads of the hanging buyer completed").isZero();
        assertThat(buyers.findAll(postRequestedFor(urlEqualTo("/hanging")))).as("requests open at the hanging buyer")
                .hasSize(40);
        assertThat(buyers.findAll(postRequestedFor(urlEqualTo("/healthy")))).hasSize(40);
    }

    /** Posts {@code count} leads to the flow's source, numbered from {@code first}; returns those answered 201. */
    private static List<Accepted> submit(String flow, int first, int count) throws InterruptedException {
        List<Accepted> accepted = new ArrayList<>();
        for (int i = first; i < first + count; i++) {
            String email = flow + "-" + i + "@example.com";
            try {
                HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(stack.intake(flow))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                Matcher id = LEAD_ID.matcher(answer.body());
                if (answer.statusCode() == 201 && id.find()) {
                    accepted.add(new Accepted(id.group(1), email));
                }
            } catch (IOException notAccepted) {
                // Not answered: not accepted, so not counted.
            }
        }
        return accepted;
    }

    private static int completedCount(List<Accepted> leads) {
        readCompletions(Duration.ofMillis(200));
        return (int) leads.stream().filter(lead -> completions.containsKey(lead.leadId())).count();
    }

    private static synchronized void readCompletions(Duration poll) {
        completed.poll(poll).forEach(record -> completions.merge(record.key(), 1, Integer::sum));
    }

    private static Map<String, List<LoggedRequest>> requestsByEmail(String path) {
        Pattern email = Pattern.compile("\"email\":\"([^\"]+)\"");
        Map<String, List<LoggedRequest>> byEmail = new HashMap<>();
        for (LoggedRequest request : buyers.findAll(postRequestedFor(urlEqualTo(path)))) {
            Optional.of(email.matcher(request.getBodyAsString())).filter(Matcher::find).ifPresent(found ->
                    byEmail.computeIfAbsent(found.group(1), any -> new ArrayList<>()).add(request));
        }
        return byEmail;
    }

}
