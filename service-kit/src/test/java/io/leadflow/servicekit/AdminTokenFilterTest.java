package io.leadflow.servicekit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;

class AdminTokenFilterTest {

    @ParameterizedTest(name = "{0} {1} with [{2}] -> {3}")
    @CsvSource(delimiter = '|', nullValues = "none", textBlock = """
            s3cret | /api/integrations        | none          | 401
            s3cret | /api/integrations        | Bearer wrong  | 401
            s3cret | /api/integrations        | Basic s3cret  | 401
            s3cret | /api/integrations        | Bearer s3cret | passed
            s3cret | /api/dead-letters/replay | bearer s3cret | passed
            s3cret | /lists                   | none          | 401
            s3cret | /lists/a/items           | none          | 401
            s3cret | /exists/a/x              | none          | 401
            s3cret | /unique/a                | none          | 401
            s3cret | /flows/demo/sources/web/submit | none    | passed
            s3cret | /actuator/health         | none          | passed
            none   | /api/integrations        | none          | passed
            none   | /lists                   | none          | passed
            """)
    void guardsTheAdminPathsWhenATokenIsSet(String token, String path, String authorization, String expected) {
        MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get(path);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        MockServerWebExchange exchange = MockServerWebExchange.from(request);
        List<String> passed = new ArrayList<>();

        new AdminTokenFilter(token).filter(exchange, served -> {
            passed.add(served.getRequest().getPath().value());
            return Mono.empty();
        }).block();

        if (expected.equals("passed")) {
            assertThat(passed).containsExactly(path);
        } else {
            assertThat(passed).isEmpty();
            assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
            assertThat(exchange.getResponse().getHeaders().getFirst("WWW-Authenticate")).isEqualTo("Bearer");
            assertThat(exchange.getResponse().getBodyAsString().block())
                    .isEqualTo("{\"error\":\"An admin token is required (Authorization: Bearer <token>)\"}");
        }
    }
}
