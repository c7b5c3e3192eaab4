package io.leadflow.integration.types;

import io.leadflow.integration.TypedValue;
import java.util.Map;
import java.util.Optional;

/**
 * Web addresses: http or https with a host, {@code http://} assumed when no scheme is given ({@code whatever} is
 * {@code http://whatever/}). Components {@code protocol}, {@code host}, {@code port}, {@code path}, {@code query}
 * (without {@code ?}) and {@code hash} (with {@code #}), empty strings when absent.
 */
final class UrlType implements FieldType {

    @Override
    public String name() {
        return "url";
    }

    @Override
    public TypedValue parse(Object input) {
        String raw = InputText.of(input);
        Optional<HttpUrl> parsed = InputText.isStructured(input) ? Optional.empty() : HttpUrl.read(raw);
        return parsed.map(url -> new TypedValue(name(), raw, url.href(), true, Map.of(
                        "protocol", url.protocol(),
                        "host", url.host(),
                        "port", url.port(),
                        "path", url.path(),
                        "query", url.query(),
                        "hash", url.hash())))
                .orElseGet(() -> new TypedValue(name(), raw, raw, false, Map.of()));
    }
}
