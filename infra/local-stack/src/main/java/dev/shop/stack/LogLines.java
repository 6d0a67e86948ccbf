package dev.shop.stack;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes the services' JSON log lines readable when the launcher shows the tail of a log after a failure, and in
 * {@code ./shop logs}:
 * {@code LEVEL logger: message}, then one {@code caused by} line per exception in the chain. Other lines are
 * returned unchanged.
 */
final class LogLines {

    private static final String STRING = "\"((?:[^\"\\\\]|\\\\.)*)\"";
    private static final Pattern TIMESTAMP = Pattern.compile("^\\{\"timestamp\":\"([^\"]+)\"");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private static final Pattern LEVEL = Pattern.compile("\"level\":" + STRING);
    private static final Pattern LOGGER = Pattern.compile("\"loggerName\":" + STRING);
    private static final Pattern MESSAGE = Pattern.compile("\"message\":" + STRING);
    private static final Pattern EXCEPTION = Pattern.compile("\"exceptionType\":" + STRING + ",\"message\":" + STRING);

    private LogLines() {
    }

    static String readable(String line) {
        if (!line.startsWith("{\"timestamp\"")) {
            return line;
        }
        Matcher level = LEVEL.matcher(line);
        Matcher logger = LOGGER.matcher(line);
        Matcher message = MESSAGE.matcher(line);
        if (!level.find() || !logger.find() || !message.find()) {
            return line;
        }
        StringBuilder text = new StringBuilder(level.group(1)).append(' ').append(logger.group(1)).append(": ")
                .append(unescape(message.group(1)));
        Matcher exception = EXCEPTION.matcher(line);
        while (exception.find()) {
            text.append(System.lineSeparator()).append("  caused by ").append(exception.group(1)).append(": ")
                    .append(unescape(exception.group(2)));
        }
        return text.toString();
    }

    /** As {@link #readable}, preceded by the line's time of day (local time) when it is a JSON line. */
    static String readableWithTime(String line) {
        Matcher timestamp = TIMESTAMP.matcher(line);
        if (!timestamp.find()) {
            return line;
        }
        try {
            return TIME.format(Instant.parse(timestamp.group(1)).atZone(ZoneId.systemDefault())) + " "
                    + readable(line);
        } catch (DateTimeException notATimestamp) {
            return readable(line);
        }
    }

    private static String unescape(String json) {
        return json.replace("\\n", System.lineSeparator() + "    ").replace("\\t", " ").replace("\\\"", "\"")
                .replace("\\\\", "\\");
    }
}
