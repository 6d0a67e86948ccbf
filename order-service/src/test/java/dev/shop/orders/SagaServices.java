package dev.shop.orders;

import java.time.Duration;
import java.util.Map;

import dev.shop.stack.ManagedProcess;
import dev.shop.stack.Ports;
import dev.shop.stack.Readiness;
import dev.shop.stack.testing.PspSimulator;
import dev.shop.stack.testing.ShopProcesses;
import dev.shop.stack.testing.TestServers;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The rest of the saga for order-service's tests: the real psp-simulator, inventory-service and payment-service,
 * started once per test JVM as processes from their built jars, on free ports, against the same real PostgreSQL,
 * Kafka and Keycloak as the order-service under test. Points {@code shop.inventory.url} at that inventory-service.
 */
public class SagaServices implements QuarkusTestResourceLifecycleManager {

    static ManagedProcess inventory;
    static ManagedProcess payment;
    static int inventoryPort;
    static int paymentPort;

    @Override
    public synchronized Map<String, String> start() {
        if (inventory == null) {
            TestServers servers = TestServers.get();
            servers.postgres().ensureDatabase("inventory", "inventory", "inventory");
            servers.postgres().ensureDatabase("payments", "payments", "payments");
            servers.keycloakIssuer();
            inventoryPort = Ports.freePort();
            paymentPort = Ports.freePort();
            String pspUrl = PspSimulator.url();
            inventory = startInventory(Map.of());
            payment = ShopProcesses.startService("payment-service", "payment-service", paymentPort, "payments",
                    Map.of("SHOP_PSP_URL", pspUrl));
            Readiness.awaitHttpOk(payment, paymentUrl() + "/q/health/ready", Duration.ofSeconds(90));
        }
        return Map.of("shop.inventory.url", inventoryUrl());
    }

    @Override
    public void stop() {
        // The processes live as long as the test JVM (see the shutdown hook): every test class shares them.
    }

    public static String pspUrl() {
        return PspSimulator.url();
    }

    public static String inventoryUrl() {
        return "http://127.0.0.1:" + inventoryPort;
    }

    public static String paymentUrl() {
        return "http://127.0.0.1:" + paymentPort;
    }

    /** Starts inventory-service (again) on its port; {@code extraEnv} e.g. switches its outbox relay off. */
    public static synchronized ManagedProcess startInventory(Map<String, String> extraEnv) {
        inventoryEnv = Map.copyOf(extraEnv);
        inventory = ShopProcesses.startService("inventory-service", "inventory-service", inventoryPort, "inventory",
                extraEnv);
        Readiness.awaitHttpOk(inventory, inventoryUrl() + "/q/health/ready", Duration.ofSeconds(90));
        return inventory;
    }

    private static Map<String, String> inventoryEnv = Map.of();

    public static boolean inventoryRunsNormally() {
        return inventory.isAlive() && inventoryEnv.isEmpty();
    }

    /** SIGTERM: its Kafka consumer leaves the group, so the next instance gets the partitions at once. */
    public static synchronized void stopInventory() {
        inventory.stop(Duration.ofSeconds(20));
    }

    /** SIGSTOP: payment-service stays up but does nothing (its consumer group falls behind) until resumed. */
    public static synchronized void pausePayment() {
        signal(payment, "STOP");
    }

    /** SIGCONT after {@link #pausePayment()}: its consumer rejoins its group and catches up. */
    public static synchronized void resumePayment() {
        signal(payment, "CONT");
    }

    private static void signal(ManagedProcess process, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.handle().pid())).start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + process.name() + " failed");
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** kill -9: no shutdown hook, no flush, no goodbye. */
    public static synchronized void killInventory() {
        inventory.handle().destroyForcibly();
        inventory.handle().onExit().join();
    }
}
