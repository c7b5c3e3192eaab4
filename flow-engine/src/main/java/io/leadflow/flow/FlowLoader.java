package io.leadflow.flow;

import io.leadflow.flow.auth.Credential;
import io.leadflow.flow.auth.CredentialMasking;
import io.leadflow.flow.auth.CredentialType;
import io.leadflow.flow.rules.Rules;
import io.leadflow.flow.rules.Templates;
import io.leadflow.integration.BulkHttpOutbound;
import io.leadflow.integration.IntegrationCatalog;
import io.leadflow.integration.IntegrationModule;
import io.leadflow.integration.Outcome;
import io.leadflow.integration.VariableSpec;
import io.leadflow.integration.types.FieldTypes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads and validates flow files (YAML, DESIGN §4). Everything a typo could silently disable is checked at load:
 * unknown keys, field types, integrations and their variables, rule operators, template paths, feedback entities and
 * that every {@code ${env:…}}/{@code ${secret:…}} reference has a value. A problem is a
 * {@link FlowDefinitionException} naming the file, the path in it and the problem.
 */
public final class FlowLoader {

    static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(10);
    static final Duration DEFAULT_STEP_TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");

    private static final Set<String> FLOW_KEYS = Set.of("id", "name", "description", "enabled", "fields", "sources",
            "steps", "feedback_keys", "credentials", "acceptance");
    private static final Set<String> FLOW_KEYS_LATER = Set.of("pricing", "caps");
    private static final Set<String> FIELD_KEYS = Set.of("id", "name", "type", "required");
    private static final Set<String> SOURCE_KEYS = Set.of("id", "name", "enabled", "response", "response_timeout",
            "verbose", "auth", "allowed_ips", "acceptance");
    private static final Set<String> SOURCE_KEYS_LATER = Set.of("pricing", "caps");
    private static final Set<String> STEP_KEYS = Set.of("id", "name", "type", "entity", "integration", "mappings",
            "criteria", "rule_set", "outcome", "reason", "timeout", "credential", "cache_ttl", "retry", "limits",
            "batch");
    private static final Set<String> STEP_KEYS_LATER = Set.of();
    private static final Pattern REFERENCE_ONLY = Pattern.compile("\\$\\{(env|secret):[^}]+}");
    private static final Set<String> RETRY_KEYS = Set.of("max_attempts", "initial_interval", "max_interval", "max_age");
    private static final Set<String> LIMITS_KEYS = Set.of("max_concurrency", "max_rate_per_second");
    private static final Set<String> BATCH_KEYS = Set.of("max_leads", "max_wait");
    static final int DEFAULT_BATCH_LEADS = 100;
    static final int MOST_BATCH_LEADS = 1000;
    static final Duration DEFAULT_BATCH_WAIT = Duration.ofSeconds(1);
    static final Duration LONGEST_BATCH_WAIT = Duration.ofMinutes(1);
    private static final Set<String> RULE_SET_KEYS = Set.of("op", "rules");
    private static final Set<String> RULE_KEYS = Set.of("lhv", "op", "rhv", "rule_set");
    private static final Set<String> ACCEPTANCE_KEYS = Set.of("op", "rules", "reason");
    private static final Set<String> API_KEY_AUTH_KEYS = Set.of("type", "header", "query_param", "keys");
    private static final Set<String> BASIC_AUTH_KEYS = Set.of("type", "username", "password");
    private static final String DEFAULT_API_KEY_HEADER = "X-Api-Key";
    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");

    private final IntegrationCatalog integrations;
    private final References references;

    public FlowLoader(IntegrationCatalog integrations, References references) {
        this.integrations = integrations;
        this.references = references;
    }

    /** Every {@code *.yaml} and {@code *.yml} file of the directory; flow ids must be unique. */
    public FlowCatalog loadDirectory(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new FlowDefinitionException(directory + ": flows directory does not exist");
        }
        List<Flow> flows = new ArrayList<>();
        Map<String, Path> seen = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(FlowLoader::isYaml).sorted().toList()) {
                Flow flow = load(file);
                Path earlier = seen.putIfAbsent(flow.id(), file);
                if (earlier != null) {
                    throw new FlowDefinitionException(file + ": id: flow '" + flow.id() + "' is also defined in " + earlier);
                }
                flows.add(flow);
            }
        } catch (IOException e) {
            throw new FlowDefinitionException(directory + ": cannot list flows: " + e.getMessage());
        }
        return new FlowCatalog(flows);
    }

    public Flow load(Path file) {
        try {
            return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new FlowDefinitionException(file + ": cannot be read: " + e.getMessage());
        }
    }

    /** Parses the text of a flow file; {@code fileName} is only used in messages. */
    public Flow parse(String fileName, String yaml) {
        Object document;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            document = new Yaml(new SafeConstructor(options)).load(yaml);
        } catch (YAMLException e) {
            throw new FlowDefinitionException(fileName + ": is not valid YAML: " + e.getMessage());
        }
        FlowSection root = new FlowSection(fileName, "", document).allowOnly(FLOW_KEYS, FLOW_KEYS_LATER);
        String id = identifier(root, "id");
        List<FieldDefinition> fields = fields(root);
        List<SourceDefinition> sources = sources(root);
        Map<String, Credential> credentials = credentials(root);
        List<StepDefinition> steps = steps(root, credentials);
        Map<String, String> feedbackKeys = feedbackKeys(root, steps);
        return new Flow(id, root.text("name", id), root.flag("enabled", true), revision(yaml), fields, sources, steps,
                feedbackKeys, acceptance(root));
    }

    private List<FieldDefinition> fields(FlowSection root) {
        List<FieldDefinition> fields = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        List<?> items = root.list("fields");
        for (int i = 0; i < items.size(); i++) {
            FlowSection field = root.item("fields", i, items.get(i)).allowOnly(FIELD_KEYS, Set.of());
            String id = field.requiredText("id");
            String type = field.text("type", "string");
            if (FieldTypes.find(type).isEmpty()) {
                throw field.failure(field.child("type"), "unknown field type '" + type + "' (known: "
                        + String.join(", ", FieldTypes.names()) + ")");
            }
            if (!ids.add(id)) {
                throw field.failure(field.child("id"), "field '" + id + "' is defined twice");
            }
            fields.add(new FieldDefinition(id, type, field.flag("required", false)));
        }
        return List.copyOf(fields);
    }

    private List<SourceDefinition> sources(FlowSection root) {
        List<SourceDefinition> sources = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        List<?> items = root.list("sources");
        if (items.isEmpty()) {
            throw root.failure("sources", "a flow needs at least one source");
        }
        for (int i = 0; i < items.size(); i++) {
            FlowSection source = root.item("sources", i, items.get(i)).allowOnly(SOURCE_KEYS, SOURCE_KEYS_LATER);
            String id = identifier(source, "id");
            if (!ids.add(id)) {
                throw source.failure(source.child("id"), "source '" + id + "' is defined twice");
            }
            sources.add(new SourceDefinition(id, source.text("name", id), source.flag("enabled", true),
                    source.choice("response", ResponseMode.class, ResponseMode.SYNC),
                    source.duration("response_timeout", DEFAULT_RESPONSE_TIMEOUT), source.flag("verbose", false),
                    auth(source), allowedIps(source), acceptance(source)));
        }
        return List.copyOf(sources);
    }

    /** {@code credentials:} by name; every secret setting must be a reference that resolves. */
    private Map<String, Credential> credentials(FlowSection root) {
        if (!root.has("credentials")) {
            return Map.of();
        }
        FlowSection section = root.section("credentials");
        Map<String, Credential> credentials = new LinkedHashMap<>();
        for (Object key : section.keys()) {
            String name = String.valueOf(key);
            if (!ID.matcher(name).matches()) {
                throw section.failure(section.child(name), "'" + name + "' must be letters, digits, '-' and '_' only");
            }
            credentials.put(name, credential(name, section.section(name)));
        }
        return Collections.unmodifiableMap(credentials);
    }

    private Credential credential(String name, FlowSection section) {
        CredentialType type = section.choice("type", CredentialType.class, null);
        if (type == null) {
            throw section.failure(section.child("type"), "is required (one of " + String.join(", ",
                    Stream.of(CredentialType.values()).map(CredentialType::wireName).toList()) + ")");
        }
        Set<String> allowed = new HashSet<>(type.required());
        allowed.addAll(type.optional());
        allowed.add("type");
        section.allowOnly(allowed, Set.of());
        Map<String, String> settings = new LinkedHashMap<>();
        for (String key : type.required()) {
            if (!section.has(key)) {
                throw section.failure(section.child(key), "is required for a " + type.wireName() + " credential");
            }
        }
        for (Object key : section.keys()) {
            String setting = String.valueOf(key);
            if (setting.equals("type")) {
                continue;
            }
            if (setting.equals("headers") || setting.equals("attributes")) {
                FlowSection headers = section.section(setting);
                if (headers.keys().isEmpty()) {
                    throw section.failure(section.child(setting), "must name at least one "
                            + (setting.equals("headers") ? "header" : "attribute"));
                }
                for (Object header : headers.keys()) {
                    if (setting.equals("headers") && (String.valueOf(header).equalsIgnoreCase("Accept")
                            || String.valueOf(header).equalsIgnoreCase("Content-Length"))) {
                        throw headers.failure(headers.child(String.valueOf(header)),
                                "cannot be set: the integration and the platform decide it");
                    }
                    String value = secretValue(headers, String.valueOf(header));
                    settings.put((setting.equals("headers") ? CredentialMasking.HEADERS_PREFIX
                            : CredentialMasking.ATTRIBUTES_PREFIX) + header, value);
                }
                continue;
            }
            String value = type.secrets().contains(setting) ? secretValue(section, setting)
                    : section.requiredText(setting);
            checkTemplate(section, section.child(setting), value);
            settings.put(setting, value);
        }
        if (type == CredentialType.API_KEY && section.has("header") == section.has("query_param")) {
            throw section.failure(section.path(), "an api_key credential needs either header or query_param");
        }
        if (settings.containsKey("token_url") && !settings.get("token_url").matches("(?i)(https?://|\\$\\{).+")) {
            throw section.failure(section.child("token_url"), "must be an http(s) URL");
        }
        String security = settings.get("security");
        if (security != null && !security.equals("starttls") && !security.equals("tls") && !security.equals("none")) {
            throw section.failure(section.child("security"), "must be starttls, tls or none, not '" + security + "'");
        }
        String port = settings.get("port");
        if (port != null && !port.startsWith("${") && !port.matches("[1-9][0-9]{0,4}")) {
            throw section.failure(section.child("port"), "must be a port number, not '" + port + "'");
        }
        String clientAuth = settings.get("client_auth");
        if (clientAuth != null && !clientAuth.equals("basic") && !clientAuth.equals("body")) {
            throw section.failure(section.child("client_auth"), "must be basic or body, not '" + clientAuth + "'");
        }
        return new Credential(name, type, settings);
    }

    /** A secret setting: a reference such as ${secret:NAME} that resolves, never the secret itself. */
    private String secretValue(FlowSection section, String key) {
        return secretReference(section, section.child(key), section.requiredText(key).trim());
    }

    private List<StepDefinition> steps(FlowSection root, Map<String, Credential> credentials) {
        List<StepDefinition> steps = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        boolean recipientSeen = false;
        List<?> items = root.list("steps");
        for (int i = 0; i < items.size(); i++) {
            FlowSection section = root.item("steps", i, items.get(i)).allowOnly(STEP_KEYS, STEP_KEYS_LATER);
            StepDefinition step = step(section, credentials);
            if (!ids.add(step.id())) {
                throw section.failure(section.child("id"), "step '" + step.id() + "' is defined twice");
            }
            if (step.kind() == StepKind.ENHANCEMENT && recipientSeen) {
                throw section.failure(section.child("type"), "an enhancement step may not follow a recipient step");
            }
            recipientSeen |= step.kind() == StepKind.RECIPIENT;
            steps.add(step);
        }
        return List.copyOf(steps);
    }

    private StepDefinition step(FlowSection step, Map<String, Credential> credentials) {
        String id = identifier(step, "id");
        StepKind kind = step.choice("type", StepKind.class, null);
        if (kind == null) {
            throw step.failure(step.child("type"), "is required (enhancement, filter or recipient)");
        }
        RuleSet criteria = step.has("criteria") ? ruleSet(step.section("criteria")) : RuleSet.always();
        Duration timeout = step.duration("timeout", DEFAULT_STEP_TIMEOUT);
        Duration cacheTtl = cacheTtl(step, kind);
        if (kind == StepKind.FILTER) {
            refuse(step, List.of("entity", "integration", "mappings", "credential", "retry", "limits", "batch"),
                    "a filter step");
            if (!step.has("rule_set")) {
                throw step.failure(step.child("rule_set"), "is required for a filter step");
            }
            Outcome outcome = Outcome.fromWireName(step.text("outcome", "failure"));
            if (outcome == null || outcome == Outcome.SKIP) {
                throw step.failure(step.child("outcome"), "must be success, failure or error");
            }
            return new StepDefinition(id, kind, null, null, Map.of(), criteria, ruleSet(step.section("rule_set")),
                    outcome, step.text("reason", "Stopped by filter " + id), timeout, null, null, null, null, null);
        }
        refuse(step, List.of("rule_set", "outcome", "reason"), "an " + kind.name().toLowerCase() + " step");
        if (kind == StepKind.ENHANCEMENT) {
            refuse(step, List.of("retry", "limits", "batch"), "an enhancement step");
        }
        String entity = step.requiredText("entity");
        String integrationId = step.requiredText("integration");
        IntegrationModule module = integrations.find(integrationId).orElseThrow(() ->
                step.failure(step.child("integration"), "unknown integration '" + integrationId + "' (known: "
                        + String.join(", ", integrations.modules().stream().map(IntegrationModule::id).toList()) + ")"));
        Map<String, String> mappings = mappings(step, module);
        Credential credential = null;
        if (step.has("credential")) {
            String name = step.requiredText("credential");
            credential = credentials.get(name);
            if (credential == null) {
                throw step.failure(step.child("credential"), "unknown credential '" + name + "' (the flow's credentials: "
                        + (credentials.isEmpty() ? "none" : String.join(", ", credentials.keySet())) + ")");
            }
        }
        if (kind == StepKind.ENHANCEMENT) {
            return new StepDefinition(id, kind, entity, integrationId, mappings, criteria, null, null, null, timeout,
                    credential, cacheTtl, null, null, null);
        }
        return new StepDefinition(id, kind, entity, integrationId, mappings, criteria, null, null, null, timeout,
                credential, null, retryPolicy(step), limits(step), batch(step, module));
    }

    private static BatchSettings batch(FlowSection step, IntegrationModule module) {
        if (!step.has("batch")) {
            return null;
        }
        if (!(module instanceof BulkHttpOutbound)) {
            throw step.failure(step.child("batch"), "integration '" + module.id()
                    + "' cannot send leads in batches");
        }
        FlowSection batch = step.section("batch").allowOnly(BATCH_KEYS, Set.of());
        int maxLeads = batch.positiveInt("max_leads", DEFAULT_BATCH_LEADS);
        if (maxLeads > MOST_BATCH_LEADS) {
            throw batch.failure(batch.child("max_leads"), "must be at most " + MOST_BATCH_LEADS + ", not " + maxLeads);
        }
        Duration maxWait = positive(batch, "max_wait", DEFAULT_BATCH_WAIT);
        if (maxWait.compareTo(LONGEST_BATCH_WAIT) > 0) {
            throw batch.failure(batch.child("max_wait"), "must be at most 1m");
        }
        return new BatchSettings(maxLeads, maxWait);
    }

    private static RetryPolicy retryPolicy(FlowSection step) {
        if (!step.has("retry")) {
            return RetryPolicy.DEFAULT;
        }
        FlowSection retry = step.section("retry").allowOnly(RETRY_KEYS, Set.of());
        RetryPolicy defaults = RetryPolicy.DEFAULT;
        int maxAttempts = retry.positiveInt("max_attempts", defaults.maxAttempts());
        Duration initial = positive(retry, "initial_interval", defaults.initialInterval());
        Duration max = positive(retry, "max_interval", defaults.maxInterval());
        Duration maxAge = positive(retry, "max_age", defaults.maxAge());
        if (max.compareTo(initial) < 0) {
            throw retry.failure(retry.child("max_interval"), "must not be shorter than initial_interval");
        }
        return new RetryPolicy(maxAttempts, initial, max, maxAge);
    }

    private static Duration positive(FlowSection section, String key, Duration defaultValue) {
        Duration duration = section.duration(key, defaultValue);
        if (duration.isZero() || duration.isNegative()) {
            throw section.failure(section.child(key), "must be longer than 0");
        }
        return duration;
    }

    private static RecipientLimits limits(FlowSection step) {
        if (!step.has("limits")) {
            return RecipientLimits.NONE;
        }
        FlowSection limits = step.section("limits").allowOnly(LIMITS_KEYS, Set.of());
        return new RecipientLimits(limits.positiveInt("max_concurrency", 0),
                limits.positiveInt("max_rate_per_second", 0));
    }

    private Map<String, String> mappings(FlowSection step, IntegrationModule module) {
        Map<String, String> mappings = new LinkedHashMap<>();
        if (step.has("mappings")) {
            FlowSection section = step.section("mappings");
            for (Object key : section.keys()) {
                String variable = String.valueOf(key);
                String at = section.child(variable);
                if (module.requestVariables().stream().noneMatch(spec -> spec.covers(variable))) {
                    throw section.failure(at, "is not a variable of " + module.id());
                }
                String value = section.text(variable, null);
                if (value == null) {
                    continue;
                }
                checkTemplate(section, at, value);
                mappings.put(variable, value);
            }
        }
        for (VariableSpec spec : module.requestVariables()) {
            if (spec.required() && !spec.isWildcard() && !mappings.containsKey(spec.name())) {
                throw step.failure(step.child("mappings") + "." + spec.name(), "is required by " + module.id());
            }
        }
        return Collections.unmodifiableMap(mappings);
    }

    /** The acceptance criteria of a flow or source: a rule set over what intake knows, and an optional reason. */
    private Acceptance.Criteria acceptance(FlowSection parent) {
        if (!parent.has("acceptance")) {
            return Acceptance.Criteria.NONE;
        }
        FlowSection section = parent.section("acceptance").allowOnly(ACCEPTANCE_KEYS, Set.of());
        String reason = section.text("reason", null);
        if (reason != null && reason.isBlank()) {
            throw section.failure(section.child("reason"), "must not be blank (leave it out to name the failed rule)");
        }
        RuleSet rules = rulesOf(section);
        firstAppendedPath(rules).ifPresent(path -> {
            throw section.failure(section.path(), "rules cannot read '" + path
                    + "': acceptance criteria are checked at intake, before any step appended data");
        });
        return new Acceptance.Criteria(rules, reason);
    }

    private static Optional<String> firstAppendedPath(RuleSet rules) {
        for (RuleSet.Rule rule : rules.rules()) {
            Optional<String> found = rule.ruleSet() != null ? firstAppendedPath(rule.ruleSet())
                    : rule.lhv().startsWith("appended.") ? Optional.of(rule.lhv())
                    : rule.rhv() instanceof String text
                            ? Templates.paths(text).stream().filter(path -> path.startsWith("appended.")).findFirst()
                            : Optional.empty();
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private SourceAuth auth(FlowSection source) {
        if (!source.has("auth")) {
            return null;
        }
        FlowSection auth = source.section("auth");
        String type = auth.requiredText("type");
        if (type.equals("api_key")) {
            auth.allowOnly(API_KEY_AUTH_KEYS, Set.of());
            String header = auth.text("header", null);
            String queryParameter = auth.text("query_param", null);
            if (header != null && queryParameter != null) {
                throw auth.failure(auth.path(), "give the key's header or its query_param, not both");
            }
            if (header != null && !HEADER_NAME.matcher(header).matches()) {
                throw auth.failure(auth.child("header"), "'" + header + "' is not an HTTP header name");
            }
            if (queryParameter != null && queryParameter.isBlank()) {
                throw auth.failure(auth.child("query_param"), "must not be blank");
            }
            List<?> items = auth.list("keys");
            if (items.isEmpty()) {
                throw auth.failure(auth.child("keys"), "must list at least one key reference");
            }
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                keys.add(secretReference(auth, auth.child("keys") + "[" + i + "]", items.get(i)));
            }
            return new SourceAuth.ApiKey(header == null && queryParameter == null ? DEFAULT_API_KEY_HEADER : header,
                    queryParameter, keys);
        }
        if (type.equals("basic")) {
            auth.allowOnly(BASIC_AUTH_KEYS, Set.of());
            String username = auth.requiredText("username");
            checkTemplate(auth, auth.child("username"), username);
            return new SourceAuth.Basic(username,
                    secretReference(auth, auth.child("password"), auth.requiredText("password")));
        }
        throw auth.failure(auth.child("type"), "must be api_key or basic, not '" + type + "'");
    }

    /** A value that must be a reference to a secret, never the secret itself, and that resolves. */
    private String secretReference(FlowSection section, String at, Object value) {
        String text = value == null ? "" : value.toString();
        if (value instanceof Map || value instanceof List || !REFERENCE_ONLY.matcher(text).matches()) {
            throw section.failure(at, "must be a reference such as ${secret:NAME} or ${env:NAME}, never the secret itself");
        }
        checkTemplate(section, at, text);
        return text;
    }

    private static List<IpRange> allowedIps(FlowSection source) {
        if (!source.has("allowed_ips")) {
            return List.of();
        }
        List<?> items = source.list("allowed_ips");
        if (items.isEmpty()) {
            throw source.failure(source.child("allowed_ips"),
                    "must list at least one address or range (leave it out to allow any address)");
        }
        List<IpRange> ranges = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Object item = items.get(i);
            String at = source.child("allowed_ips") + "[" + i + "]";
            ranges.add(IpRange.parse(item instanceof String text ? text : null).orElseThrow(() ->
                    source.failure(at, "'" + item + "' is not an IP address or CIDR range such as 203.0.113.0/24")));
        }
        return List.copyOf(ranges);
    }

    private RuleSet ruleSet(FlowSection section) {
        section.allowOnly(RULE_SET_KEYS, Set.of());
        return rulesOf(section);
    }

    private RuleSet rulesOf(FlowSection section) {
        RuleSet.Join join = section.choice("op", RuleSet.Join.class, RuleSet.Join.AND);
        List<RuleSet.Rule> rules = new ArrayList<>();
        List<?> items = section.list("rules");
        for (int i = 0; i < items.size(); i++) {
            FlowSection rule = section.item("rules", i, items.get(i)).allowOnly(RULE_KEYS, Set.of());
            RuleSet nested = rule.has("rule_set") ? ruleSet(rule.section("rule_set")) : null;
            if (nested != null && !rule.has("lhv") && !rule.has("op") && !rule.has("rhv")) {
                rules.add(new RuleSet.Rule(null, null, null, nested));
                continue;
            }
            String lhv = rule.requiredText("lhv");
            if (!Templates.isReadablePath(lhv)) {
                throw rule.failure(rule.child("lhv"), "'" + lhv
                        + "' is not a path a rule can read (lead.*, appended.*, source.*, flow.*, submission.timestamp)");
            }
            String op = rule.requiredText("op");
            if (!Rules.operators().contains(op)) {
                throw rule.failure(rule.child("op"), "unknown operator '" + op + "' (known: "
                        + String.join(", ", Rules.operators().stream().sorted().toList()) + ")");
            }
            Object rhv = rule.raw("rhv");
            if (Rules.needsRightHandValue(op) && rhv == null) {
                throw rule.failure(rule.child("rhv"), "is required for operator '" + op + "'");
            }
            checkRightHandValue(rule, op, rhv);
            rules.add(new RuleSet.Rule(lhv, op, rhv, nested));
        }
        return new RuleSet(join, List.copyOf(rules));
    }

    /** The rhv's templates (of the text or of each list item), then its shape for the operator. */
    private void checkRightHandValue(FlowSection rule, String op, Object rhv) {
        List<?> items = rhv instanceof List<?> list ? list : Collections.singletonList(rhv);
        for (Object item : items) {
            if (item instanceof String text) {
                checkTemplate(rule, rule.child("rhv"), text);
            }
        }
        Rules.problemWithRightHandValue(op, rhv).ifPresent(problem -> {
            throw rule.failure(rule.child("rhv"), problem);
        });
    }

    /** {@code cache_ttl}: a positive duration, on enhancement steps only (a recipient's delivery is never reused). */
    private static Duration cacheTtl(FlowSection step, StepKind kind) {
        if (!step.has("cache_ttl")) {
            return null;
        }
        if (kind != StepKind.ENHANCEMENT) {
            throw step.failure(step.child("cache_ttl"), "applies only to enhancement steps, not to a "
                    + kind.name().toLowerCase(Locale.ROOT) + " step");
        }
        Duration ttl = step.duration("cache_ttl", null);
        if (ttl.isZero() || ttl.isNegative()) {
            throw step.failure(step.child("cache_ttl"), "must be longer than 0");
        }
        return ttl;
    }

    private Map<String, String> feedbackKeys(FlowSection root, List<StepDefinition> steps) {
        if (!root.has("feedback_keys")) {
            return Map.of();
        }
        FlowSection section = root.section("feedback_keys");
        Set<String> recipients = new HashSet<>();
        steps.stream().filter(step -> step.kind() == StepKind.RECIPIENT).forEach(step -> recipients.add(step.entity()));
        Map<String, String> keys = new LinkedHashMap<>();
        for (Object key : section.keys()) {
            String entity = String.valueOf(key);
            String at = section.child(entity);
            if (!recipients.contains(entity)) {
                throw section.failure(at, "is not the entity of a recipient step of this flow");
            }
            String value = section.text(entity, "");
            if (!value.matches("\\$\\{(env|secret):[^}]+}")) {
                throw section.failure(at, "must be a reference such as ${secret:NAME} or ${env:NAME}, never the secret itself");
            }
            checkTemplate(section, at, value);
            keys.put(entity, value);
        }
        return Collections.unmodifiableMap(keys);
    }

    private void checkTemplate(FlowSection section, String at, String value) {
        references.firstUnresolved(value).ifPresent(problem -> {
            throw section.failure(at, problem);
        });
        for (String path : Templates.paths(value)) {
            if (!Templates.isReadablePath(path)) {
                throw section.failure(at, "template {{" + path + "}} does not start with lead., appended., source., "
                        + "flow. or submission.");
            }
        }
    }

    private static void refuse(FlowSection step, List<String> keys, String what) {
        for (String key : keys) {
            if (step.has(key)) {
                throw step.failure(step.child(key), "does not apply to " + what);
            }
        }
    }

    private static String identifier(FlowSection section, String key) {
        String id = section.requiredText(key);
        if (!ID.matcher(id).matches()) {
            throw section.failure(section.child(key), "'" + id + "' must be letters, digits, '-' and '_' only");
        }
        return id;
    }

    private static boolean isYaml(Path file) {
        String name = file.getFileName().toString();
        return Files.isRegularFile(file) && (name.endsWith(".yaml") || name.endsWith(".yml"));
    }

    private static String revision(String yaml) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(yaml.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
