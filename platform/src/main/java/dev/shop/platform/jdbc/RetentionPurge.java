package dev.shop.platform.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.jboss.logging.Logger;

/**
 * Deletes the rows of a platform table that are past their retention (published outbox events, processed inbox
 * events, expired idempotency keys) with one statement. A failure is logged, never thrown: the rows stay and the
 * next periodic run deletes them.
 */
public final class RetentionPurge {

    private RetentionPurge() {
    }

    /**
     * @param table      names the rows in the log lines, e.g. "outbox"
     * @param rowsPurged what went, e.g. "events published more than PT168H ago"
     * @param delete     the delete statement; its {@code ?} are bound to {@code parameters} in order
     */
    public static void run(DataSource dataSource, Logger log, String table, String rowsPurged, String delete,
            Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement purge = connection.prepareStatement(delete)) {
            for (int i = 0; i < parameters.length; i++) {
                purge.setObject(i + 1, parameters[i]);
            }
            int purged = purge.executeUpdate();
            if (purged > 0) {
                log.infof("%s: purged %d %s", table, purged, rowsPurged);
            }
        } catch (SQLException e) {
            log.warnf("%s purge failed: %s", table, e.getMessage());
        }
    }
}
