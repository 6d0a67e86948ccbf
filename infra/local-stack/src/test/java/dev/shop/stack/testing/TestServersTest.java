package dev.shop.stack.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.shop.stack.Topics;

/** The servers the integration tests of every module rely on are real, and wired the way services expect. */
class TestServersTest {

    static TestServers servers;

    @BeforeAll
    static void start() {
        servers = TestServers.get();
    }

    @Test
    void serviceRoleConnectsToItsOwnDatabaseWithItsPassword() throws SQLException {
        servers.postgres().ensureDatabase("inventory", "inventory", "inventory");

        try (Connection connection = DriverManager.getConnection(servers.postgres().jdbcUrl("inventory"),
                "inventory", "inventory"); ResultSet row = connection.createStatement()
                        .executeQuery("select current_database(), current_user")) {
            row.next();
            assertEquals("inventory", row.getString(1));
            assertEquals("inventory", row.getString(2));
        }
    }

    @Test
    void wrongPasswordIsRejected() {
        servers.postgres().ensureDatabase("orders", "orders", "orders");

        assertThrows(SQLException.class,
                () -> DriverManager.getConnection(servers.postgres().jdbcUrl("orders"), "orders", "not-the-password"));
    }

    @Test
    void everySagaTopicAndItsDeadLetterTopicExistWithSeveralPartitions() throws Exception {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers());
        try (Admin admin = Admin.create(config)) {
            Map<String, TopicDescription> topics = admin.describeTopics(Topics.ALL).allTopicNames()
                    .get(30, TimeUnit.SECONDS);

            assertEquals(Topics.ALL.size(), topics.size());
            topics.values().forEach(topic -> assertEquals(Topics.PARTITIONS, topic.partitions().size(), topic.name()));
        }
    }

    @Test
    void redisAnswersPingAndComesBackAfterAStop() throws Exception {
        assertEquals("+PONG", ping());

        servers.stopRedis();
        assertThrows(java.io.IOException.class, this::ping);
        servers.startRedisAgain();

        assertEquals("+PONG", ping());
    }

    private String ping() throws java.io.IOException {
        try (Socket socket = new Socket("127.0.0.1", servers.redisPort())) {
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            assertTrue(answer != null);
            return answer;
        }
    }
}
