package io.leadflow.enhancement.outbound;

import io.leadflow.enhancement.domain.ListEntryDecider.Action;
import io.leadflow.enhancement.domain.ListSpec;
import io.leadflow.schemas.Topics;
import io.leadflow.schemas.lists.ListAction;
import io.leadflow.schemas.lists.ListCommand;
import io.leadflow.schemas.lists.ListDefinition;
import java.time.Duration;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.kafka.core.KafkaTemplate;
import reactor.core.publisher.Mono;

/**
 * Publishes list definitions ({@code lists.definitions}, by name; a tombstone deletes) and value commands
 * ({@code lists.commands}, by {@code <list>/<hash>}), each acknowledged by all in-sync replicas before it completes.
 */
public final class ListCommands {

    private final KafkaTemplate<String, SpecificRecord> kafka;

    public ListCommands(KafkaTemplate<String, SpecificRecord> kafka) {
        this.kafka = kafka;
    }

    /** The key of every command on one value of one list. */
    public static String key(String list, String hash) {
        return list + "/" + hash;
    }

    public Mono<Void> define(ListSpec list) {
        ListDefinition definition = ListDefinition.newBuilder()
                .setName(list.name())
                .setGeneration(list.generation())
                .setTtlSeconds(list.ttl() == null ? 0 : list.ttl().toSeconds())
                .setSecretReference(list.secretReference())
                .setCreatedAt(list.createdAt())
                .build();
        return Mono.fromFuture(() -> kafka.send(Topics.LIST_DEFINITIONS, list.name(), definition)).then();
    }

    public Mono<Void> delete(String name) {
        return Mono.fromFuture(() -> kafka.send(Topics.LIST_DEFINITIONS, name, null)).then();
    }

    /** One operation on one value's hash; {@code answer}: the processor publishes a decision for {@code commandId}. */
    public Mono<Void> send(String commandId, ListSpec list, String hash, Action action, Duration ttl, Instant at,
                           boolean answer) {
        ListCommand command = ListCommand.newBuilder()
                .setCommandId(commandId)
                .setList(list.name())
                .setGeneration(list.generation())
                .setHash(hash)
                .setAction(ListAction.valueOf(action.name()))
                .setTtlSeconds(ttl == null ? 0 : ttl.toSeconds())
                .setRequestedAt(at)
                .setAnswer(answer)
                .build();
        return Mono.fromFuture(() -> kafka.send(Topics.LIST_COMMANDS, key(list.name(), hash), command)).then();
    }
}
