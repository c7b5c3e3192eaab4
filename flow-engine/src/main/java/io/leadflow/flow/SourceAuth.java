package io.leadflow.flow;

import java.util.List;

/**
 * How a source proves who it is: an API key in a header or a query parameter, or HTTP basic auth. Keys and passwords
 * are {@code ${env:…}}/{@code ${secret:…}} references, resolved by intake at start, never literal values.
 */
public sealed interface SourceAuth {

    /**
     * One of {@code keys} in the header {@code header}, or else in the query parameter {@code queryParameter}
     * (exactly one of the two is set).
     */
    record ApiKey(String header, String queryParameter, List<String> keys) implements SourceAuth {

        public ApiKey {
            keys = List.copyOf(keys);
        }
    }

    /** {@code Authorization: Basic} with this user name and password (a reference). */
    record Basic(String username, String password) implements SourceAuth {
    }
}
