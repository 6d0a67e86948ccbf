package dev.shop.orders.messaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;

/**
 * The event contract of docs/events/asyncapi.yaml, read as a test reads it: for each event type (a message's
 * {@code name}) the topics whose channel lists it, the JSON Schema of its Kafka headers and of its {@code data}.
 * {@link #violations} checks one published record against it.
 */
final class EventContract {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Message> byType = new HashMap<>();

    private record Message(Set<String> topics, JsonSchema headers, JsonSchema payload) {
    }

    private EventContract(JsonNode document) {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        Map<String, Set<String>> topicsOfMessage = new HashMap<>();
        for (JsonNode channel : iterable(document.path("channels").elements())) {
            for (JsonNode message : iterable(channel.path("messages").elements())) {
                topicsOfMessage.computeIfAbsent(message.path("$ref").asText(), ref -> new HashSet<>())
                        .add(channel.path("address").asText());
            }
        }
        Iterator<Map.Entry<String, JsonNode>> messages = document.path("components").path("messages").fields();
        for (Map.Entry<String, JsonNode> entry : iterable(messages)) {
            JsonNode message = resolved(document, entry.getValue());
            byType.put(message.path("name").asText(), new Message(
                    topicsOfMessage.getOrDefault("#/components/messages/" + entry.getKey(), Set.of()),
                    factory.getSchema(message.path("headers"), config),
                    factory.getSchema(message.path("payload"), config)));
        }
    }

    /** The checked-in document, found from the module's directory upwards. */
    static EventContract load() throws IOException {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path file = dir.resolve("docs/events/asyncapi.yaml");
            if (Files.isRegularFile(file)) {
                return new EventContract(new YAMLMapper().readTree(file.toFile()));
            }
        }
        throw new IllegalStateException("docs/events/asyncapi.yaml not found above " + Path.of("").toAbsolutePath());
    }

    boolean documents(String type) {
        return byType.containsKey(type);
    }

    /** What is wrong with this record by the contract; empty when nothing is. */
    List<String> violations(ConsumerRecord<String, String> record) throws IOException {
        ObjectNode headers = JSON.createObjectNode();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
        }
        String type = headers.path("ce_type").asText();
        Message message = byType.get(type);
        String where = record.topic() + "@" + record.offset() + " " + type + ": ";
        if (message == null) {
            return List.of(where + "no message of the document has this type");
        }
        List<String> violations = new ArrayList<>();
        if (!message.topics().contains(record.topic())) {
            violations.add(where + "published on " + record.topic() + ", documented on " + message.topics());
        }
        message.headers().validate(headers)
                .forEach(error -> violations.add(where + "header " + error.getMessage() + " (headers: " + headers + ")"));
        JsonNode data = JSON.readTree(record.value());
        message.payload().validate(data).forEach(error -> violations.add(where + "data " + error.getMessage()));
        if (!data.path("orderId").asText().equals(record.key())) {
            violations.add(where + "the key " + record.key() + " is not data.orderId " + data.path("orderId"));
        }
        return violations;
    }

    /** The node with every local {@code $ref} ({@code #/...}) replaced by what it points at, recursively. */
    private static JsonNode resolved(JsonNode document, JsonNode node) {
        if (node.isObject() && node.has("$ref")) {
            return resolved(document, document.at(node.get("$ref").asText().substring(1)));
        }
        if (node.isObject()) {
            ObjectNode copy = JSON.createObjectNode();
            node.fields().forEachRemaining(field -> copy.set(field.getKey(), resolved(document, field.getValue())));
            return copy;
        }
        if (node.isArray()) {
            var copy = JSON.createArrayNode();
            node.forEach(element -> copy.add(resolved(document, element)));
            return copy;
        }
        return node;
    }

    private static <T> Iterable<T> iterable(Iterator<T> iterator) {
        return () -> iterator;
    }
}
