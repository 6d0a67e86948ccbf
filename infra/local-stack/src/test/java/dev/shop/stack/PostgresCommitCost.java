package dev.shop.stack;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.shop.stack.PostgresServer.Durability;

/**
 * What durability costs a commit (ADR 0017), measured rather than guessed: 2,000 single-row insert transactions
 * (each its own commit, autocommit) from one client and from eight, against a {@link Durability#DURABLE} and a
 * {@link Durability#NOT_DURABLE} PostgreSQL started by {@link PostgresServer}. Prints the wall time, commits per
 * second and the CPU time of the PostgreSQL processes per commit. Not a test: run it by hand on an idle machine,
 * <pre>
 * ./shop build
 * java -cp infra/local-stack/target/test-classes:infra/local-stack/target/classes:$(cat infra/local-stack/target/launcher.classpath) \
 *     dev.shop.stack.PostgresCommitCost
 * </pre>
 */
public final class PostgresCommitCost {

    static final int COMMITS = 2_000;
    static final Path WORK = Path.of("infra/local-stack/target/commit-cost").toAbsolutePath();

    public static void main(String[] args) throws Exception {
        System.out.println("durability   clients  commits  wall ms  commits/s  ms/commit  PostgreSQL CPU ms  CPU us/commit");
        for (int round = 0; round < 2; round++) {
            for (Durability durability : Durability.values()) {
                for (int clients : new int[] {1, 8}) {
                    measure(durability, clients, round == 0);
                }
            }
        }
    }

    /** The first round only warms up (JIT, page cache); its lines are marked. */
    static void measure(Durability durability, int clients, boolean warmUp) throws Exception {
        Path dir = WORK.resolve(durability.name().toLowerCase());
        Directories.empty(dir);
        PostgresServer server = PostgresServer.start(dir.resolve("data"), WORK.resolve("binaries"),
                dir.resolve("postgres.log"), Ports.freePort(), durability);
        try {
            String url = "jdbc:postgresql://127.0.0.1:" + server.port() + "/postgres";
            try (Connection connection = DriverManager.getConnection(url, "postgres", "");
                    Statement statement = connection.createStatement()) {
                statement.execute("create table commit_cost (id bigserial primary key, payload text not null)");
            }
            List<Connection> connections = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                connections.add(DriverManager.getConnection(url, "postgres", ""));
            }
            Duration cpuBefore = cpu(server.process().handle());
            long begin = System.nanoTime();
            insertConcurrently(connections, COMMITS / clients);
            long wallNanos = System.nanoTime() - begin;
            Duration cpu = cpu(server.process().handle()).minus(cpuBefore);
            for (Connection connection : connections) {
                connection.close();
            }
            System.out.printf("%-12s %7d %8d %8d %10.0f %10.3f %18d %14.0f%s%n", durability, clients, COMMITS,
                    wallNanos / 1_000_000, COMMITS / (wallNanos / 1e9), wallNanos / 1e6 / COMMITS * clients,
                    cpu.toMillis(), cpu.toNanos() / 1e3 / COMMITS, warmUp ? "   (warm-up)" : "");
        } finally {
            server.close();
        }
    }

    static void insertConcurrently(List<Connection> connections, int commitsEach) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(connections.size());
        try {
            List<Future<Void>> done = new ArrayList<>();
            for (Connection connection : connections) {
                Callable<Void> client = () -> {
                    insert(connection, commitsEach);
                    return null;
                };
                done.add(clients.submit(client));
            }
            for (Future<Void> future : done) {
                future.get();
            }
        } finally {
            clients.shutdown();
        }
    }

    static void insert(Connection connection, int commits) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("insert into commit_cost (payload) values (?)")) {
            for (int i = 0; i < commits; i++) {
                insert.setString(1, "row " + i);
                insert.executeUpdate();
            }
        }
    }

    /** CPU time of the postmaster and every process it forked (backends, WAL writer, checkpointer ...). */
    static Duration cpu(ProcessHandle postmaster) {
        Duration total = postmaster.info().totalCpuDuration().orElse(Duration.ZERO);
        for (ProcessHandle child : postmaster.descendants().toList()) {
            total = total.plus(child.info().totalCpuDuration().orElse(Duration.ZERO));
        }
        return total;
    }
}
