package io.leadflow.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Test doubles of the demo flow's external parties: a phone-check data service and a buyer. Each answer follows
 * from the request alone, so a demo (or a test) can choose the outcome it wants through the lead it posts.
 */
final class DemoPartners implements AutoCloseable {

    /** TCP port the demo partners listen on; an int, default {@value #DEFAULT_PORT}. */
    static final String PORT_VARIABLE = "DEMO_PARTNER_PORT";
    /** Address the demo partners bind; default {@value #DEFAULT_BIND_ADDRESS}, a container sets 0.0.0.0. */
    static final String BIND_ADDRESS_VARIABLE = "DEMO_PARTNER_BIND_ADDRESS";

    static final int DEFAULT_PORT = 9090;
    static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> CARRIERS = List.of("Acme Wireless", "Globex Telecom", "Initech Mobile");
    private static final String BUYER_PRICE = "12.50";

    private final HttpServer server;
    private final Consumer<String> requestLog;

    private DemoPartners(HttpServer server, Consumer<String> requestLog) {
        this.server = server;
        this.requestLog = requestLog;
    }

    /** Listens on {@code address} (port 0 picks a free one); one line per request goes to {@code requestLog}. */
    static DemoPartners start(InetSocketAddress address, Consumer<String> requestLog) throws IOException {
        // The JDK server writes headers and body separately; with Nagle's algorithm on, the client's delayed ACK
        // adds about 40 ms to every answer. Read once, when the first server is created.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(address, 0);
        DemoPartners partners = new DemoPartners(server, requestLog);
        partners.serve("/phone-check", DemoPartners::checkPhone);
        partners.serve("/buyer/leads", DemoPartners::buyLead);
        server.start();
        return partners;
    }

    /** The address from {@value #BIND_ADDRESS_VARIABLE} and {@value #PORT_VARIABLE}, or their defaults. */
    static InetSocketAddress addressFromEnvironment(Map<String, String> environment) {
        String port = environment.getOrDefault(PORT_VARIABLE, String.valueOf(DEFAULT_PORT));
        try {
            return new InetSocketAddress(environment.getOrDefault(BIND_ADDRESS_VARIABLE, DEFAULT_BIND_ADDRESS),
                    Integer.parseInt(port.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PORT_VARIABLE + " must be a port number, not '" + port + "'", e);
        }
    }

    /** Where the services reach the demo partners; loopback whatever address they bind. */
    URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** What the demo partners answer: an HTTP status, a JSON body and a short log note free of personal data. */
    record Answer(int status, JsonNode body, String note) {
    }

    /**
     * {@code POST /phone-check {"phone": "..."}}: ten digits (an optional leading 1 aside) are valid; an even last
     * digit is a mobile line, an odd one a fixed line; the carrier follows from the digits' sum.
     */
    static Answer checkPhone(JsonNode request) {
        String phone = request.path("phone").asString("");
        String digits = phone.replaceAll("\\D", "");
        if (digits.length() == 11 && digits.startsWith("1")) {
            digits = digits.substring(1);
        }
        ObjectNode body = JSON.createObjectNode();
        if (digits.length() != 10) {
            body.put("valid", false);
            body.put("reason", "Not a 10-digit phone number");
            return new Answer(200, body, "invalid");
        }
        String lineType = (digits.charAt(9) - '0') % 2 == 0 ? "mobile" : "fixed_line";
        int digitSum = digits.chars().map(digit -> digit - '0').sum();
        body.put("line_type", lineType);
        body.put("carrier", CARRIERS.get(digitSum % CARRIERS.size()));
        body.put("valid", true);
        return new Answer(200, body, lineType);
    }

    /**
     * {@code POST /buyer/leads} with the lead as JSON: an email (at any depth) containing "fail" gets a 500, one
     * containing "dup" is rejected as a duplicate, any other lead is accepted at a fixed price.
     */
    static Answer buyLead(JsonNode request) {
        JsonNode emailNode = request.findValue("email");
        String email = emailNode == null ? "" : emailNode.asString("").toLowerCase(Locale.ROOT);
        ObjectNode body = JSON.createObjectNode();
        if (email.contains("fail")) {
            body.put("status", "error");
            body.put("message", "Demo buyer failure, asked for by the email");
            return new Answer(500, body, "error");
        }
        if (email.contains("dup")) {
            body.put("status", "rejected");
            body.putArray("errors").addObject().put("message", "Duplicate lead");
            return new Answer(200, body, "rejected");
        }
        String id = UUID.randomUUID().toString();
        body.put("status", "accepted");
        body.put("id", id);
        body.put("price", BUYER_PRICE);
        return new Answer(200, body, "accepted " + id);
    }

    private void serve(String path, Function<JsonNode, Answer> endpoint) {
        server.createContext(path, exchange -> answer(exchange, path, endpoint));
    }

    private void answer(HttpExchange exchange, String path, Function<JsonNode, Answer> endpoint) throws IOException {
        try (exchange) {
            Answer answer = answerFor(exchange, path, endpoint);
            byte[] body = JSON.writeValueAsBytes(answer.body());
            // Logged before answering, so a caller that has its answer also finds the request in the log.
            requestLog.accept(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath()
                    + " -> " + answer.status() + " " + answer.note());
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static Answer answerFor(HttpExchange exchange, String path, Function<JsonNode, Answer> endpoint)
            throws IOException {
        if (!exchange.getRequestURI().getPath().equals(path)) {
            return error(404, "No such endpoint");
        }
        if (!"POST".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", "POST");
            return error(405, "Only POST is allowed");
        }
        JsonNode request;
        try (InputStream in = exchange.getRequestBody()) {
            request = JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (JacksonException e) {
            return error(400, "The body is not JSON");
        }
        if (request == null || !request.isObject()) {
            return error(400, "The body must be a JSON object");
        }
        return endpoint.apply(request);
    }

    private static Answer error(int status, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.put("error", message);
        return new Answer(status, body, message);
    }
}
