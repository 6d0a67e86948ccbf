package dev.shop.stack;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real one-node Kafka broker (KRaft) from the Apache Kafka jars on Maven Central, in its own JVM.
 * The jars are those of the {@code infra/kafka-broker} module; its main class formats the storage,
 * starts the broker and creates the topics before it reports ready.
 */
public final class KafkaServer {

    private static final String CLASSPATH_RESOURCE = "META-INF/shop/kafka-broker.classpath";

    private KafkaServer() {
    }

    public static ManagedProcess start(String javaCommand, Path dataDir, Path logFile, int port, int controllerPort,
            String maxHeap, List<String> topics) {
        try {
            Files.createDirectories(dataDir);
            Path config = dataDir.resolve("server.properties");
            Files.writeString(config, serverProperties(dataDir.resolve("kraft-logs"), port, controllerPort));
            Path readyFile = dataDir.resolve("ready");
            Files.deleteIfExists(readyFile);

            List<String> command = new ArrayList<>(List.of(javaCommand, "-Xms128m", "-Xmx" + maxHeap,
                    "-XX:+UseG1GC", "-Djava.awt.headless=true", "-cp", brokerClasspath(),
                    "dev.shop.kafka.KafkaBroker", config.toString(), readyFile.toString(),
                    String.valueOf(Topics.PARTITIONS)));
            command.addAll(topics);
            return ManagedProcess.start("kafka", command, dataDir, Map.of(), logFile);
        } catch (IOException e) {
            throw new StackException("cannot prepare Kafka in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    public static void awaitReady(ManagedProcess kafka, Path dataDir, Duration timeout) {
        Readiness.awaitFile(kafka, dataDir.resolve("ready"), timeout);
    }

    private static String serverProperties(Path logDir, int port, int controllerPort) {
        return String.join(System.lineSeparator(),
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + logDir,
                "num.partitions=" + Topics.PARTITIONS,
                "auto.create.topics.enable=false",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=10",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "log.retention.hours=168",
                "");
    }

    /** The broker's jars as resolved by Maven when infra/kafka-broker was built, plus that module's own classes. */
    static String brokerClasspath() {
        URL resource = KafkaServer.class.getClassLoader().getResource(CLASSPATH_RESOURCE);
        if (resource == null) {
            throw new StackException("Kafka broker classpath not found (" + CLASSPATH_RESOURCE
                    + "): build the project first with ./mvnw install -DskipTests");
        }
        try (InputStream in = resource.openStream()) {
            String dependencies = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            for (String jar : dependencies.split(java.io.File.pathSeparator)) {
                if (!Files.exists(Path.of(jar))) {
                    throw new StackException("Kafka broker jar missing: " + jar
                            + " (the local Maven repository changed): rebuild with ./mvnw install -DskipTests");
                }
            }
            return moduleRoot(resource) + java.io.File.pathSeparator + dependencies;
        } catch (IOException e) {
            throw new StackException("cannot read " + resource + ": " + e.getMessage(), e);
        }
    }

    private static String moduleRoot(URL resource) {
        try {
            String url = resource.toString();
            if (url.startsWith("jar:")) {
                return Path.of(new URL(url.substring(4, url.indexOf("!/"))).toURI()).toString();
            }
            Path file = Path.of(resource.toURI());
            return file.getParent().getParent().getParent().toString();
        } catch (URISyntaxException | IOException e) {
            throw new StackException("cannot locate the kafka-broker module from " + resource, e);
        }
    }
}
