package io.leadflow.intake.inbound;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * LeadConduit's {@code validateRequest} for inbound endpoints (its framework's helper): the method must be one of
 * those allowed and the body's Content-Type one of the MIME types; each refusal is a 415 in plain text.
 */
final class RequestValidation {

    private RequestValidation() {
    }

    static Optional<HttpAnswer> validate(SourceRequest request, List<String> mimeTypes, List<String> methods) {
        String method = request.method().toUpperCase(Locale.ROOT);
        if (!methods.contains(method)) {
            return Optional.of(HttpAnswer.text(415, "The " + method + " method is not allowed")
                    .withHeader("Allow", String.join(", ", methods)));
        }
        String contentType = request.header("Content-Type");
        if (contentType == null || contentType.isBlank()) {
            return Optional.of(HttpAnswer.text(415, "Content-Type header is required"));
        }
        if (MediaRanges.bestMatch(mimeTypes, contentType.split(";")[0]).isEmpty()) {
            return Optional.of(HttpAnswer.text(415, "MIME type in Content-Type header is not supported. Use only "
                    + String.join(", ", mimeTypes) + "."));
        }
        return Optional.empty();
    }
}
