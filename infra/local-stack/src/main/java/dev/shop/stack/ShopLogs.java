package dev.shop.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/** {@code ./shop logs [<component>]}: lists the log files, or follows one component's log, made readable. */
public final class ShopLogs {

    private static final int LAST_LINES = 40;

    private ShopLogs() {
    }

    public static void main(String[] args) {
        try {
            StackSettings settings = StackSettings.fromEnvironment();
            if (args.length == 0) {
                list(settings.logs());
            } else {
                follow(settings, args[0]);
            }
        } catch (UsageException e) {
            Console.error(e.getMessage());
            System.exit(2);
        } catch (StackException e) {
            Console.error("FAILED: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void list(Path logs) {
        List<Path> files = files(logs);
        if (files.isEmpty()) {
            Console.info("No logs yet in " + logs + " (./shop up writes them).");
            return;
        }
        Console.info("Logs in " + logs + " (<name>.log.1 is the previous run's); ./shop logs <component> follows one:");
        for (Path file : files) {
            try {
                Console.info(String.format("  %-28s %10d bytes, last written %s", file.getFileName(), Files.size(file),
                        Files.getLastModifiedTime(file).toInstant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
            } catch (IOException deletedMeanwhile) {
                // not listed
            }
        }
    }

    private static void follow(StackSettings settings, String component) {
        List<String> names = new StackComponents(settings).names();
        if (!names.contains(component)) {
            throw new UsageException("no component " + component + ". The components are: " + String.join(" ", names));
        }
        Path log = settings.log(component);
        Console.info("Following " + log + " (Ctrl-C ends)" + (Files.exists(log) ? "" : "; it does not exist yet"));
        try {
            new LogFollower(log, Duration.ofMillis(250)).follow(LAST_LINES,
                    line -> Console.info(LogLines.readableWithTime(line)), () -> true);
        } catch (IOException e) {
            throw new StackException("cannot read " + log + ": " + e.getMessage(), e);
        }
    }

    private static List<Path> files(Path logs) {
        if (!Files.isDirectory(logs)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(logs)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new StackException("cannot list " + logs + ": " + e.getMessage(), e);
        }
    }
}
