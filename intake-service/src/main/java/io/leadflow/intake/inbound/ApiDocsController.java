package io.leadflow.intake.inbound;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /v3/api-docs}: intake's API (submit, ping, the workbench) as OpenAPI 3.1. */
@RestController
public class ApiDocsController {

    private final byte[] description;

    public ApiDocsController() {
        try (InputStream in = ApiDocsController.class.getResourceAsStream("/openapi/intake.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi/intake.json is missing from the classpath");
            }
            description = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GetMapping("/v3/api-docs")
    public ResponseEntity<byte[]> describe() {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(description);
    }
}
