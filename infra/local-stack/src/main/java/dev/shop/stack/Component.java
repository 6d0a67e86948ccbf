package dev.shop.stack;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * A server or service of the local stack as its supervisor sees it: started again after a crash with the same
 * command line, ports and folders, and stopped on request.
 */
public interface Component {

    String name();

    /** Shown after "ready in ... s" on the first start, e.g. the databases PostgreSQL holds; may be empty. */
    default String readyDetail() {
        return "";
    }

    /**
     * Starts the component and returns once it is ready.
     *
     * @param spawned told of the process as soon as it exists, before it is ready, so that a process that never
     *                gets ready can still be stopped (and found by ./shop down)
     * @throws StackException when it does not start, dies, or is not ready in time
     */
    ManagedProcess start(Consumer<ManagedProcess> spawned);

    /** Stops what {@link #start} started: SIGTERM to the process tree, SIGKILL after the grace period. */
    default void stop(ManagedProcess process, Duration grace) {
        process.stop(grace);
    }

    /** How a component starts: spawns its process, tells {@code spawned}, and waits until it is ready. */
    @FunctionalInterface
    interface Start {
        ManagedProcess start(Consumer<ManagedProcess> spawned);
    }

    static Component of(String name, String readyDetail, Start start) {
        return new Component() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String readyDetail() {
                return readyDetail;
            }

            @Override
            public ManagedProcess start(Consumer<ManagedProcess> spawned) {
                return start.start(spawned);
            }
        };
    }
}
