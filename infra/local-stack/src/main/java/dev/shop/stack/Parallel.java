package dev.shop.stack;

import java.util.List;

/** Runs tasks on threads of their own and waits for all: stopping servers one by one would add up their grace periods. */
final class Parallel {

    private Parallel() {
    }

    static void runAll(List<Runnable> tasks) {
        List<Thread> threads = tasks.stream().map(task -> Thread.ofPlatform().start(task)).toList();
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
