package io.leadflow.flow;

import io.leadflow.flow.auth.Credential;
import io.leadflow.integration.Outcome;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * One step of a flow. Enhancement and recipient steps call {@code integration} with their rendered
 * {@code mappings} (authenticating with {@code credential} when it names one), and run only when {@code criteria}
 * hold; a filter stops the lead with {@code outcome} and {@code reason} when its {@code ruleSet} matches. An
 * enhancement's answer is reused for {@code cacheTtl} (null: never) for the same module and variables. A recipient
 * step retries {@code error} outcomes by {@code retry}, keeps to its recipient's {@code limits} and may send leads in
 * a {@code batch} (null: one by one); other steps have none of these.
 */
public record StepDefinition(String id, StepKind kind, String entity, String integration,
                             Map<String, String> mappings, RuleSet criteria, RuleSet ruleSet, Outcome outcome,
                             String reason, Duration timeout, Credential credential, Duration cacheTtl,
                             RetryPolicy retry, RecipientLimits limits, BatchSettings batch) {

    /** The entity's name in snake case: where its data is appended ({@code Buyer ABC Corp} to {@code buyer_abc_corp}). */
    public String appendedNamespace() {
        return entity == null ? null : namespaceOf(entity);
    }

    /** An entity name in snake case: each run of characters other than a-z and 0-9 is one underscore, none at the ends. */
    public static String namespaceOf(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        StringBuilder namespace = new StringBuilder(lower.length());
        boolean separated = false;
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                if (separated && !namespace.isEmpty()) {
                    namespace.append('_');
                }
                namespace.append(c);
                separated = false;
            } else {
                separated = true;
            }
        }
        return namespace.toString();
    }
}
