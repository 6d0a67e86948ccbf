package dev.shop.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server from the binaries that zonky publishes on Maven Central.
 * One server; each service gets its own database and its own role (password-checked on TCP).
 */
public final class PostgresServer implements AutoCloseable {

    /** How long {@link #close()} waits for the postmaster to finish its shutdown checkpoint before killing it. */
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(60);

    /** Whether an acknowledged commit survives a crash (ADR 0017). */
    public enum Durability {
        /**
         * fsync, synchronous_commit and full_page_writes on, as in production: what `./shop up` runs. A commit is
         * acknowledged once its WAL is on disk, so neither a crash of PostgreSQL nor one of the machine loses it.
         */
        DURABLE,
        /**
         * zonky's defaults, for test servers whose files are thrown away after the run: fsync off (its {@code -F}
         * start option) and synchronous_commit off. Faster commits; a crash of PostgreSQL can lose the last
         * acknowledged commits, and a crash of the machine can corrupt the cluster.
         */
        NOT_DURABLE
    }

    private final EmbeddedPostgres postgres;
    private final ManagedProcess process;
    private final Path dataDir;

    private PostgresServer(EmbeddedPostgres postgres, ManagedProcess process, Path dataDir) {
        this.postgres = postgres;
        this.process = process;
        this.dataDir = dataDir;
    }

    /**
     * @param dataDir    PGDATA; kept between starts unless the caller deletes it
     * @param binariesDir where the binaries are unpacked once
     */
    public static PostgresServer start(Path dataDir, Path binariesDir, Path logFile, int port, Durability durability) {
        try {
            stopLeftoverPostmaster(dataDir);
            Files.createDirectories(binariesDir);
            ManagedProcess.rotate(logFile);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(binariesDir.toFile())
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("password_encryption", "scram-sha-256")
                    .setDataDirectoryCustomizer(dir -> requirePasswordsOnTcp(dir.toPath()))
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            if (durability == Durability.DURABLE) {
                makeDurable(builder);
            }
            EmbeddedPostgres postgres = builder.start();
            return new PostgresServer(postgres, ManagedProcess.adopt("postgres", postmasterPid(dataDir), logFile),
                    dataDir);
        } catch (IOException | IllegalStateException e) {
            throw new StackException("PostgreSQL did not start: " + e.getMessage()
                    + System.lineSeparator() + ManagedProcess.tail(logFile, 30), e);
        }
    }

    /** Creates the role and the database it owns, unless they exist. Idempotent. */
    public void ensureDatabase(String database, String role, String password) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            if (!exists(connection, "select 1 from pg_roles where rolname = ?", role)) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("create role " + identifier(role) + " login password '"
                            + password.replace("'", "''") + "'");
                }
            }
            if (!exists(connection, "select 1 from pg_database where datname = ?", database)) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("create database " + identifier(database) + " owner " + identifier(role));
                }
            }
        } catch (SQLException e) {
            throw new StackException("cannot create database " + database + ": " + e.getMessage(), e);
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + database;
    }

    public int port() {
        return postgres.getPort();
    }

    public ManagedProcess process() {
        return process;
    }

    /**
     * zonky always starts the postmaster with {@code -F} (fsync off) and defaults synchronous_commit to off. The
     * postmaster applies its options in order and zonky puts every {@code -c} setting after {@code -F}, so
     * {@code -c fsync=on} overrides it; command-line settings also win over postgresql.conf.
     */
    private static void makeDurable(EmbeddedPostgres.Builder builder) {
        builder.setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on");
    }

    /**
     * Fast shutdown ({@code pg_ctl stop -m fast}), which also releases zonky's lock on the data directory, so a
     * server can be started again on it from this JVM; harmless when the postmaster already died. zonky's pg_ctl
     * waits only 5 s, so the shutdown checkpoint of a durable server may still be running: wait until the postmaster
     * removed its pid file (the last step of a shutdown) or is gone.
     */
    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            // the wait below decides
        }
        Path pidFile = dataDir.resolve("postmaster.pid");
        long deadline = System.nanoTime() + SHUTDOWN_WAIT.toNanos();
        while (process.isAlive() && Files.exists(pidFile) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (process.isAlive() && Files.exists(pidFile)) {
            process.stop(Duration.ofSeconds(10));
        }
    }

    /** The superuser keeps trust (it is only reachable from this machine); service roles need their password. */
    private static void requirePasswordsOnTcp(Path dataDir) {
        String hba = String.join(System.lineSeparator(),
                "# written by the shop's local stack",
                "local all all trust",
                "host all postgres 127.0.0.1/32 trust",
                "host all all 127.0.0.1/32 scram-sha-256",
                "");
        try {
            Files.writeString(dataDir.resolve("pg_hba.conf"), hba);
        } catch (IOException e) {
            throw new StackException("cannot write pg_hba.conf: " + e.getMessage(), e);
        }
    }

    /** A postmaster left behind by a killed run holds the port and the data directory: stop it first. */
    private static void stopLeftoverPostmaster(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        try {
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            ProcessHandle.of(pid)
                    .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false))
                    .ifPresent(p -> {
                        Console.step("postgres", "stopping a server left over by a previous run (pid " + pid + ")");
                        ManagedProcess.stopTree(p, Duration.ofSeconds(15));
                    });
        } catch (IOException | RuntimeException e) {
            // unreadable pid file: PostgreSQL itself decides whether it is stale
        }
    }

    private static long postmasterPid(Path dataDir) throws IOException {
        return Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
    }

    private static boolean exists(Connection connection, String sql, String value) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, value);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static String identifier(String name) {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain identifier: " + name);
        }
        return name;
    }
}
