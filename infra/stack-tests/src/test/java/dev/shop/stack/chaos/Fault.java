package dev.shop.stack.chaos;

import java.time.Duration;

/**
 * One fault of a chaos run: a component killed with SIGKILL (the stack's supervisor starts it again), or stopped for
 * a while and then restarted (a longer outage).
 */
public record Fault(String component, Duration outage) {

    public static Fault kill(String component) {
        return new Fault(component, Duration.ZERO);
    }

    public static Fault outage(String component, Duration outage) {
        return new Fault(component, outage);
    }

    public boolean isKill() {
        return outage.isZero();
    }

    @Override
    public String toString() {
        return isKill() ? "kill -9 " + component : component + " down for " + outage.toSeconds() + " s";
    }
}
