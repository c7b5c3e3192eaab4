package io.leadflow.schemas.kafka;

import io.leadflow.schemas.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.SchemaStore;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka as the schema registry: every schema a process writes is published on the compacted
 * {@code schemas.registered} topic (key: fingerprint in hex, value: the schema's JSON) before its first record, and a
 * fingerprint this process does not know is looked up there. One instance per cluster and process, shared by all
 * serializers and deserializers and closed when the last of them is.
 */
public final class KafkaSchemaRegistry implements SchemaStore {

    private static final Logger log = LoggerFactory.getLogger(KafkaSchemaRegistry.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Map<String, KafkaSchemaRegistry> SHARED = new HashMap<>();
    private static final Set<String> CLIENT_SETTING_PREFIXES =
            Set.of("bootstrap.servers", "security.", "sasl.", "ssl.", "client.dns.lookup");

    private final Map<String, Object> clientSettings;
    private final Map<Long, Schema> known = new ConcurrentHashMap<>();
    private final Set<Long> registered = ConcurrentHashMap.newKeySet();
    private KafkaProducer<String, String> producer;
    private boolean topicReady;
    private int users;

    private KafkaSchemaRegistry(Map<String, Object> clientSettings) {
        this.clientSettings = clientSettings;
    }

    /** The registry of the cluster these client configs point at; pair every call with {@link #release()}. */
    public static synchronized KafkaSchemaRegistry acquire(Map<String, ?> configs) {
        Map<String, Object> clientSettings = new HashMap<>();
        configs.forEach((key, value) -> {
            if (CLIENT_SETTING_PREFIXES.stream().anyMatch(key::startsWith)) {
                clientSettings.put(key, value);
            }
        });
        Object servers = clientSettings.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
        if (servers == null) {
            throw new IllegalArgumentException("bootstrap.servers is required to reach " + Topics.SCHEMAS_REGISTERED);
        }
        String cluster = servers instanceof List<?> list ? String.join(",", list.stream().map(String::valueOf).toList())
                : servers.toString();
        KafkaSchemaRegistry registry = SHARED.computeIfAbsent(cluster, key -> new KafkaSchemaRegistry(clientSettings));
        registry.users++;
        return registry;
    }

    /** Gives back a registry from {@link #acquire}; the last release closes its Kafka clients. */
    public void release() {
        synchronized (KafkaSchemaRegistry.class) {
            if (--users > 0) {
                return;
            }
            SHARED.values().remove(this);
        }
        synchronized (this) {
            if (producer != null) {
                producer.close(Duration.ofSeconds(5));
                producer = null;
            }
        }
    }

    public static long fingerprint(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }

    /** Makes sure the schema is on the registry topic; blocks (once per schema and process) until it is. */
    public void register(Schema schema) {
        long fingerprint = fingerprint(schema);
        known.putIfAbsent(fingerprint, schema);
        if (registered.contains(fingerprint)) {
            return;
        }
        synchronized (this) {
            if (registered.contains(fingerprint)) {
                return;
            }
            ensureTopic();
            try {
                producer().send(new ProducerRecord<>(Topics.SCHEMAS_REGISTERED, hex(fingerprint), schema.toString()))
                        .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SerializationException("Interrupted while registering schema " + schema.getFullName(), e);
            } catch (ExecutionException | TimeoutException e) {
                throw new SerializationException("Could not register schema " + schema.getFullName() + " on "
                        + Topics.SCHEMAS_REGISTERED, e);
            }
            registered.add(fingerprint);
            log.info("Registered schema {} as {}", schema.getFullName(), hex(fingerprint));
        }
    }

    /** Makes a schema this process reads with known without registering it. */
    public void remember(Schema schema) {
        known.putIfAbsent(fingerprint(schema), schema);
    }

    /** The schema with this fingerprint, reading the registry topic when it is not known yet; null if found nowhere. */
    @Override
    public Schema findByFingerprint(long fingerprint) {
        Schema schema = known.get(fingerprint);
        if (schema != null) {
            return schema;
        }
        synchronized (this) {
            if (!known.containsKey(fingerprint)) {
                readRegistryTopic();
            }
            return known.get(fingerprint);
        }
    }

    public static String hex(long fingerprint) {
        return String.format("%016x", fingerprint);
    }

    private void readRegistryTopic() {
        ensureTopic();
        Map<String, Object> settings = new HashMap<>(clientSettings);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(settings, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.SCHEMAS_REGISTERED, TIMEOUT).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p, TIMEOUT) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new SerializationException("Timed out reading " + Topics.SCHEMAS_REGISTERED);
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    learn(record.value());
                }
            }
        }
    }

    private void learn(String schemaJson) {
        if (schemaJson == null) {
            return;
        }
        try {
            Schema schema = new Schema.Parser().parse(schemaJson);
            known.putIfAbsent(fingerprint(schema), schema);
        } catch (RuntimeException e) {
            log.warn("Ignoring an unparseable schema on {}: {}", Topics.SCHEMAS_REGISTERED, e.getMessage());
        }
    }

    private synchronized void ensureTopic() {
        if (topicReady) {
            return;
        }
        try (Admin admin = Admin.create(clientSettings)) {
            NewTopic topic = new NewTopic(Topics.SCHEMAS_REGISTERED, java.util.Optional.of(1), java.util.Optional.empty())
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            admin.createTopics(List.of(topic)).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new SerializationException("Could not create " + Topics.SCHEMAS_REGISTERED, e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SerializationException("Interrupted while creating " + Topics.SCHEMAS_REGISTERED, e);
        } catch (TimeoutException e) {
            throw new SerializationException("Timed out creating " + Topics.SCHEMAS_REGISTERED, e);
        }
        topicReady = true;
    }

    private KafkaProducer<String, String> producer() {
        if (producer == null) {
            Map<String, Object> settings = new HashMap<>(clientSettings);
            settings.put(ProducerConfig.ACKS_CONFIG, "all");
            settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            settings.put(ProducerConfig.CLIENT_ID_CONFIG, "leadflow-schema-registry");
            producer = new KafkaProducer<>(settings, new StringSerializer(), new StringSerializer());
        }
        return producer;
    }
}
