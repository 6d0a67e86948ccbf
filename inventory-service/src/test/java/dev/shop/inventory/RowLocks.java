package dev.shop.inventory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;

import javax.sql.DataSource;

/**
 * Row locks held and probed from connections of their own: a test holds a row, lets the code under test run into it,
 * and then sees which other rows that code had already locked.
 */
public final class RowLocks {

    private final DataSource dataSource;

    public RowLocks(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Locks a row ({@code select ... for update}) until the returned lock is closed. */
    public Held hold(String table, String idColumn, UUID id) throws SQLException {
        Connection connection = dataSource.getConnection();
        connection.setAutoCommit(false);
        try (PreparedStatement lock = connection.prepareStatement(
                "select 1 from " + table + " where " + idColumn + " = ? for update")) {
            lock.setObject(1, id);
            lock.execute();
        }
        return new Held(connection);
    }

    /** Whether another transaction holds a lock on the row: {@code skip locked} passes a locked row by. */
    public boolean isLocked(String table, String idColumn, UUID id) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement probe = connection.prepareStatement(
                    "select 1 from " + table + " where " + idColumn + " = ? for update skip locked")) {
                probe.setObject(1, id);
                try (ResultSet row = probe.executeQuery()) {
                    return !row.next();
                }
            } finally {
                connection.rollback();
            }
        }
    }

    /** Waits until {@code sessions} sessions of this database wait for a lock. */
    public void awaitWaiting(int sessions) {
        TestApi.eventually(Duration.ofSeconds(30), sessions + " session(s) waiting for a lock",
                () -> waitingSessions() >= sessions);
    }

    private int waitingSessions() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement count = connection.prepareStatement("select count(*) from pg_stat_activity "
                        + "where datname = current_database() and wait_event_type = 'Lock'");
                ResultSet result = count.executeQuery()) {
            result.next();
            return result.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A row lock held by a transaction of its own; closing rolls it back. */
    public static final class Held implements AutoCloseable {

        private final Connection connection;

        private Held(Connection connection) {
            this.connection = connection;
        }

        @Override
        public void close() throws SQLException {
            try {
                connection.rollback();
            } finally {
                connection.close();
            }
        }
    }
}
