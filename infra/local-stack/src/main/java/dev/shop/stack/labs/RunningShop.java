package dev.shop.stack.labs;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.shop.stack.Ports;
import dev.shop.stack.StackPlan;
import dev.shop.stack.StackSettings;

/**
 * What a lab's check may look at in the stack {@code ./shop up} runs: the services' databases (read only, as each
 * service's own role), their metrics, and plain HTTP. Ports follow {@code SHOP_PORT_OFFSET} like the stack's.
 */
public final class RunningShop {

    /** The demo realm's users (infra/keycloak/shop-realm.json): their token {@code sub}, which the services store. */
    public static final String ALICE = "6878cf66-c60b-3472-99e5-c0ee5373edfe";

    private final StackSettings settings;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public RunningShop(StackSettings settings) {
        this.settings = settings;
    }

    /** The rows of a query on one service's database (orders, payments, inventory, users), as column -> value. */
    public List<Map<String, Object>> query(String database, String sql, Object... parameters) throws SQLException {
        String url = "jdbc:postgresql://127.0.0.1:" + settings.portOf("postgres") + "/" + database;
        try (Connection connection = DriverManager.getConnection(url, database, StackPlan.databasePassword(database));
                PreparedStatement statement = connection.prepareStatement(sql)) {
            connection.setReadOnly(true);
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                List<Map<String, Object>> result = new ArrayList<>();
                int columns = rows.getMetaData().getColumnCount();
                while (rows.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= columns; i++) {
                        row.put(rows.getMetaData().getColumnLabel(i), rows.getObject(i));
                    }
                    result.add(row);
                }
                return result;
            }
        }
    }

    /** {@code /q/metrics} of an application of the stack (e.g. payment-service), as Prometheus text. */
    public String metrics(String application) throws IOException, InterruptedException {
        return get(application, "/q/metrics");
    }

    /** The body of a GET to an application of the stack; fails unless it answers 200. */
    public String get(String application, String path) throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + settings.portOf(application) + path);
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException refused) {
            throw new IOException(application + " is not running (./shop status; ./shop restart " + application + ")");
        }
        if (response.statusCode() != 200) {
            throw new IOException("GET " + uri + " answered " + response.statusCode());
        }
        return response.body();
    }

    /** Whether a component of the stack (a server such as redis, or an application) accepts connections. */
    public boolean isListening(String component) {
        return Ports.isListening(settings.portOf(component));
    }

    /** Whether an application of the stack answers its readiness check. */
    public boolean isReady(String application) {
        try {
            get(application, "/q/health/ready");
            return true;
        } catch (IOException notReady) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
