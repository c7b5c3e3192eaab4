package io.leadflow.intake.inbound;

import java.nio.charset.StandardCharsets;
import org.springframework.web.util.UriUtils;

/**
 * A request target of the submit routes, {@code /flows/{flowId}/sources/{sourceId}/submit} or {@code .../ping}: the
 * flow and source ids (percent-decoded) and which of the two it is.
 */
record SubmitPath(String flowId, String sourceId, boolean ping) {

    static final String SUBMIT_TEMPLATE = "/flows/{flowId}/sources/{sourceId}/submit";
    static final String PING_TEMPLATE = "/flows/{flowId}/sources/{sourceId}/ping";

    private static final String FLOWS = "/flows/";

    /** A request target split into its path and query; the path is what follows the authority of an absolute URI. */
    record Target(String path, String rawQuery) {

        /** The target as the default inbound reads it: the path, and the query after a {@code ?} if there is one. */
        String uri() {
            return rawQuery == null ? path : path + "?" + rawQuery;
        }
    }

    /** The submit or ping route this request target names, or null when it names neither. */
    static SubmitPath of(Target target) {
        String path = target.path();
        if (!path.startsWith(FLOWS)) {
            return null;
        }
        String[] segments = path.substring(FLOWS.length()).split("/", -1);
        if (segments.length != 4 || segments[0].isEmpty() || !segments[1].equals("sources")
                || segments[2].isEmpty()) {
            return null;
        }
        boolean ping = segments[3].equals("ping");
        if (!ping && !segments[3].equals("submit")) {
            return null;
        }
        return new SubmitPath(decode(segments[0]), decode(segments[2]), ping);
    }

    static Target target(String requestTarget) {
        String target = withoutAuthority(requestTarget);
        int fragment = target.indexOf('#');
        if (fragment >= 0) {
            target = target.substring(0, fragment);
        }
        int question = target.indexOf('?');
        return question < 0 ? new Target(target, null)
                : new Target(target.substring(0, question), target.substring(question + 1));
    }

    /** The route's template, as {@code http.server.requests} tags it. */
    String template() {
        return ping ? PING_TEMPLATE : SUBMIT_TEMPLATE;
    }

    private static String withoutAuthority(String requestTarget) {
        int scheme = requestTarget.indexOf("://");
        if (scheme < 0 || requestTarget.startsWith("/")) {
            return requestTarget;
        }
        int path = requestTarget.indexOf('/', scheme + 3);
        return path < 0 ? "/" : requestTarget.substring(path);
    }

    private static String decode(String segment) {
        return segment.indexOf('%') < 0 ? segment : UriUtils.decode(segment, StandardCharsets.UTF_8);
    }
}
