package io.leadflow.integrations.custom;

import java.util.List;
import java.util.Map;

/**
 * A JSON body that is a number, boolean or null: there is nothing to search, select or append. (LeadConduit finds
 * nothing in a number or boolean either; on {@code null} it fails with a TypeError, which here is no special case.)
 */
record ScalarDocument() implements ResponseDocument {

    @Override
    public List<String> searchScope(String path) {
        return List.of();
    }

    @Override
    public Object select(String selector) {
        return null;
    }

    @Override
    public Map<String, Object> appended(Map<String, String> captures) {
        return Map.of();
    }
}
