package dev.shop.stack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What `./shop up` prints once everything is ready: the gateway and its API documentation first (the shop has no
 * storefront: the API is what one tries), then signing in and tracing, each application's own port, the servers,
 * and how to run an application left out with --without.
 */
final class ReadyBanner {

    private final StackSettings settings;
    private final StackPlan plan;

    ReadyBanner(StackSettings settings) {
        this.settings = settings;
        this.plan = new StackPlan(settings);
    }

    List<String> lines(Duration took, List<String> leftOut) {
        List<String> lines = new ArrayList<>(List.of(
                "",
                "Shop is ready in " + took.toSeconds() + " s. Press Ctrl-C (or run ./shop down) to stop everything.",
                "",
                applicationRow("Gateway (the only port you need)", gateway(), leftOut),
                row("Swagger UI (every service's API)", http(StackSettings.GATEWAY) + "/q/swagger-ui"),
                row("Keycloak (admin/admin)", settings.keycloakUrl() + "/admin  realm: shop"),
                row("Token for alice", shopCommand("token alice")),
                row("Traces (Zipkin)", http(StackSettings.ZIPKIN))));
        services().forEach(app -> lines.add(applicationRow(app.name(), app, leftOut)));
        lines.add(applicationRow("psp-simulator (fake processor)", plan.pspSimulator(), leftOut));
        lines.addAll(List.of(
                row("PostgreSQL", "127.0.0.1:" + settings.port(StackSettings.POSTGRES)
                        + "  databases users, orders, payments, inventory"),
                row("Kafka", "127.0.0.1:" + settings.port(StackSettings.KAFKA)),
                row("Redis", "127.0.0.1:" + settings.port(StackSettings.REDIS)),
                row("Logs", settings.logs() + "  (./shop logs <component> follows one)"),
                row("Restart one component", "./shop restart <component> (one that dies restarts by itself)"),
                ""));
        return lines;
    }

    /** An application left out runs in the developer's terminal: the row says how to start it. */
    private String applicationRow(String label, QuarkusApp app, List<String> leftOut) {
        return leftOut.contains(app.name())
                ? row(label, "left out (--without), run it with: " + DevModeCommand.of(app, settings.repoDir()))
                : row(label, http(app.defaultPort()));
    }

    private QuarkusApp gateway() {
        return plan.services().stream().filter(app -> app.name().equals("gateway")).findFirst().orElseThrow();
    }

    /** The services behind the gateway, in the order of their ports. */
    private List<QuarkusApp> services() {
        return plan.services().stream().filter(app -> !app.name().equals("gateway")).toList();
    }

    /** A ./shop command against this stack: with shifted ports it needs the same offset. */
    private String shopCommand(String arguments) {
        return (settings.portOffset() == 0 ? "" : "SHOP_PORT_OFFSET=" + settings.portOffset() + " ") + "./shop " + arguments;
    }

    private String http(int defaultPort) {
        return "http://localhost:" + settings.port(defaultPort);
    }

    private static String row(String what, String where) {
        return String.format("  %-34s%s", what, where);
    }
}
