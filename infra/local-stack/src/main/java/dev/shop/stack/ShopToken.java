package dev.shop.stack;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./shop token <user> [<password>]}: an access token of a user of realm shop from the stack's Keycloak
 * (password grant through client {@code shop-cli}), printed alone on stdout for
 * {@code curl -H "Authorization: Bearer $(./shop token alice)"}. Everything else goes to stderr.
 */
public final class ShopToken {

    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern ERROR = Pattern.compile("\"error_description\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern LOAD_TEST_CUSTOMER = Pattern.compile("customer-\\d+");

    private ShopToken() {
    }

    public static void main(String[] args) {
        if (args.length < 1 || args.length > 2) {
            Console.error("usage: ./shop token <user> [<password>]");
            System.exit(2);
        }
        try {
            String user = args[0];
            String password = args.length > 1 ? args[1] : defaultPassword(user);
            System.out.println(accessToken(StackSettings.fromEnvironment().issuer(), user, password));
        } catch (StackException e) {
            Console.error("FAILED: " + e.getMessage());
            System.exit(1);
        }
    }

    /** The seeded users' passwords (infra/keycloak/shop-realm.json): the user name, "customer" for the load tests'. */
    static String defaultPassword(String user) {
        return LOAD_TEST_CUSTOMER.matcher(user).matches() ? "customer" : user;
    }

    static String accessToken(String issuer, String user, String password) {
        String form = "grant_type=password&client_id=shop-cli&username=" + encode(user) + "&password=" + encode(password);
        HttpRequest request = HttpRequest.newBuilder(URI.create(issuer + "/protocol/openid-connect/token"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        HttpResponse<String> response;
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException refused) {
            throw new StackException("Keycloak is not running at " + issuer + " (start the stack with ./shop up; "
                    + "./shop status shows whether keycloak runs)");
        } catch (IOException e) {
            throw new StackException("no answer from Keycloak at " + issuer + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted", e);
        }
        Matcher token = ACCESS_TOKEN.matcher(response.body());
        if (response.statusCode() == 200 && token.find()) {
            return token.group(1);
        }
        Matcher error = ERROR.matcher(response.body());
        throw new StackException("Keycloak at " + issuer + " refused a token for " + user + ": HTTP "
                + response.statusCode() + (error.find() ? " (" + error.group(1) + ")" : "")
                + (response.statusCode() == 404 ? "; is realm shop imported yet? ./shop logs keycloak" : ""));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
