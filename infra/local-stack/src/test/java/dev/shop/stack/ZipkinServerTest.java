package dev.shop.stack;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class ZipkinServerTest {

    /** Zipkin's default of 500,000 spans filled a 256 MB heap after a few load runs and the server thrashed in GC. */
    @Test
    void theSpansKeptInMemoryFitInTheHeap() {
        List<String> command = ZipkinServer.command("java", Path.of("zipkin.jar"), 9411);

        long maxSpans = Long.parseLong(argument(command, "--MEM_MAX_SPANS="));
        long heapBytes = Long.parseLong(argument(command, "-Xmx").replace("m", "")) * 1024 * 1024;
        long generousBytesPerSpan = 2 * 1024;
        assertTrue(maxSpans * generousBytesPerSpan < heapBytes * 0.6,
                maxSpans + " spans of up to 2 KB must leave room in a heap of " + heapBytes + " bytes");
    }

    private static String argument(List<String> command, String prefix) {
        return command.stream().filter(a -> a.startsWith(prefix)).findFirst()
                .map(a -> a.substring(prefix.length()))
                .orElseThrow(() -> new AssertionError("no " + prefix + " in " + command));
    }
}
