package dev.shop.kafka;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Exit;

/**
 * One-node KRaft broker for the local stack and the integration tests, run in its own JVM:
 * formats the storage on first start, starts the broker, creates the topics up front,
 * then writes the ready file that the launcher waits for.
 *
 * <p>Usage: {@code KafkaBroker <server.properties> <ready-file> <partitions> <topic>...}
 */
public final class KafkaBroker {

    private KafkaBroker() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: KafkaBroker <server.properties> <ready-file> <partitions> <topic>...");
            System.exit(2);
        }
        Path config = Path.of(args[0]);
        Path readyFile = Path.of(args[1]);
        int partitions = Integer.parseInt(args[2]);
        List<String> topics = List.of(args).subList(3, args.length);
        Files.deleteIfExists(readyFile);

        Properties properties = load(config);
        formatStorageOnFirstStart(config, Path.of(properties.getProperty("log.dirs")));

        Thread broker = new Thread(() -> kafka.Kafka.main(new String[] {config.toString()}), "kafka-main");
        broker.start();

        createTopics(bootstrapServers(properties), topics, partitions);
        Files.writeString(readyFile, "ready\n");
        System.out.println("KAFKA READY: topics " + topics + " with " + partitions + " partitions");
        broker.join();
    }

    private static void formatStorageOnFirstStart(Path config, Path logDir) {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        // StorageTool ends with Exit.exit(0); turn that into a return instead of ending this JVM.
        Exit.setExitProcedure((code, message) -> {
            if (code != 0) {
                throw new IllegalStateException("formatting Kafka storage failed (" + code + "): " + message);
            }
            throw new FormatDone();
        });
        try {
            kafka.tools.StorageTool.main(new String[] {
                "format", "-t", Uuid.randomUuid().toString(), "-c", config.toString(), "--ignore-formatted"});
        } catch (FormatDone done) {
            // formatted
        } finally {
            // Back to Kafka's own behaviour; resetExitProcedure() would make the broker's final exit throw.
            Exit.setExitProcedure((code, message) -> System.exit(code));
        }
    }

    private static void createTopics(String bootstrap, List<String> topics, int partitions) throws Exception {
        Properties adminConfig = new Properties();
        adminConfig.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        adminConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        try (Admin admin = Admin.create(adminConfig)) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (true) {
                try {
                    Set<String> existing = admin.listTopics().names().get(5, TimeUnit.SECONDS);
                    List<NewTopic> missing = new ArrayList<>();
                    for (String topic : topics) {
                        if (!existing.contains(topic)) {
                            missing.add(new NewTopic(topic, partitions, (short) 1));
                        }
                    }
                    if (!missing.isEmpty()) {
                        admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                        System.out.println("created topics " + missing.stream().map(NewTopic::name).collect(Collectors.joining(", ")));
                    }
                    return;
                } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                    if (System.nanoTime() > deadline) {
                        throw e;
                    }
                    Thread.sleep(200);
                }
            }
        }
    }

    private static String bootstrapServers(Properties properties) {
        String listeners = properties.getProperty("advertised.listeners", properties.getProperty("listeners"));
        return listeners.split(",")[0].replaceFirst("^[A-Z_]+://", "");
    }

    private static Properties load(Path config) throws Exception {
        Properties properties = new Properties();
        try (var in = Files.newInputStream(config)) {
            properties.load(in);
        }
        return properties;
    }

    private static final class FormatDone extends RuntimeException {
        FormatDone() {
            super(null, null, false, false);
        }
    }
}
