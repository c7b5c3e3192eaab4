package io.leadflow.delivery.inbound;

import io.leadflow.delivery.domain.Workbench;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The integration workbench API ({@code /api/integrations}): the catalog, and any module's request, event and
 * validation for variables given as JSON; nothing is sent and no reference is resolved. Guarded by service-kit's
 * {@code AdminTokenFilter}.
 */
@RestController
@RequestMapping("/api/integrations")
class IntegrationWorkbenchController {

    private final Workbench workbench;

    IntegrationWorkbenchController(Workbench workbench) {
        this.workbench = workbench;
    }

    @GetMapping
    ResponseEntity<Object> catalog() {
        return ResponseEntity.ok(workbench.catalog());
    }

    @PostMapping("/{module}/request")
    ResponseEntity<Object> request(@PathVariable String module, @RequestBody Map<String, Object> input) {
        return ResponseEntity.ok(workbench.request(module, vars(input)));
    }

    @PostMapping("/{module}/response")
    ResponseEntity<Object> response(@PathVariable String module, @RequestBody Map<String, Object> input) {
        Map<?, ?> response = input.get("response") instanceof Map<?, ?> map ? map : Map.of();
        int status = response.get("status") instanceof Number number ? number.intValue() : 200;
        Map<String, List<String>> headers = new LinkedHashMap<>();
        if (response.get("headers") instanceof Map<?, ?> given) {
            given.forEach((name, value) -> headers.put(String.valueOf(name), value instanceof List<?> values
                    ? new ArrayList<>(values.stream().map(String::valueOf).toList()) : List.of(String.valueOf(value))));
        }
        Object body = response.get("body");
        return ResponseEntity.ok(workbench.response(module, vars(input), status, headers,
                body == null ? "" : body.toString()));
    }

    @PostMapping("/{module}/validate")
    ResponseEntity<Object> validate(@PathVariable String module, @RequestBody Map<String, Object> input) {
        return ResponseEntity.ok(workbench.validate(module, vars(input))
                .<Object>map(message -> Map.of("error", message)).orElse(Map.of()));
    }

    @ExceptionHandler(Workbench.WorkbenchException.class)
    ResponseEntity<Object> refused(Workbench.WorkbenchException e) {
        return ResponseEntity.status(e.unknownModule() ? HttpStatus.NOT_FOUND : HttpStatus.BAD_REQUEST)
                .body(Map.of("error", e.getMessage()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> vars(Map<String, Object> input) {
        return input.get("vars") instanceof Map<?, ?> vars ? (Map<String, Object>) vars : Map.of();
    }
}
