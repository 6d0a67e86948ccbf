package dev.shop.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import dev.shop.stack.testing.Await;

class LogFollowerTest {

    @Test
    void followsTheLastLinesThenWhatIsAppendedAndTheNewFileAfterARestart() throws Exception {
        Path dir = Path.of("target/log-follower-test").toAbsolutePath();
        Directories.empty(dir);
        Path log = dir.resolve("order-service.log");
        Files.writeString(log, "one\ntwo\nthree\n");
        List<String> seen = new CopyOnWriteArrayList<>();
        Thread follower = Thread.ofPlatform().daemon().start(() -> {
            try {
                new LogFollower(log, Duration.ofMillis(20)).follow(2, seen::add,
                        () -> !Thread.currentThread().isInterrupted());
            } catch (java.io.IOException e) {
                seen.add("FAILED " + e);
            }
        });
        try {
            Await.until(Duration.ofSeconds(10), () -> seen.size() == 2, () -> "the last two lines" + ", seen " + seen);
            Files.writeString(log, "four\nfi", StandardOpenOption.APPEND);
            Files.writeString(log, "ve\n", StandardOpenOption.APPEND);
            Await.until(Duration.ofSeconds(10), () -> seen.size() == 4, () -> "the appended lines" + ", seen " + seen);
            ManagedProcess.rotate(log);
            Files.writeString(log, "after restart\n");
            Await.until(Duration.ofSeconds(10), () -> seen.size() == 5, () -> "the new file's line" + ", seen " + seen);
        } finally {
            follower.interrupt();
        }

        assertEquals(List.of("two", "three", "four", "five", "after restart"), seen);
    }
}
