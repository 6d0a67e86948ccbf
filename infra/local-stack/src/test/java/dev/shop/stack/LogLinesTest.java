package dev.shop.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class LogLinesTest {

    @Test
    void aJsonLogLineWithAnExceptionChainReadsAsText() {
        String line = """
                {"timestamp":"2026-11-22T03:07:23Z","sequence":181,"loggerName":"io.quarkus.runtime.Application",\
                "level":"ERROR","message":"Failed to start application","mdc":{},"exception":{"refId":1,\
                "exceptionType":"java.lang.RuntimeException","message":"Failed to start quarkus","frames":[],\
                "causedBy":{"exception":{"refId":2,"exceptionType":"org.flywaydb.core.api.exception.FlywayValidateException",\
                "message":"Validate failed:\\nMigration checksum mismatch for \\"1\\"","frames":[]}}}}""";

        assertEquals(String.join(System.lineSeparator(),
                "ERROR io.quarkus.runtime.Application: Failed to start application",
                "  caused by java.lang.RuntimeException: Failed to start quarkus",
                "  caused by org.flywaydb.core.api.exception.FlywayValidateException: Validate failed:",
                "    Migration checksum mismatch for \"1\""), LogLines.readable(line));
    }

    @Test
    void aFollowedJsonLineStartsWithItsLocalTimeOfDay() {
        String line = "{\"timestamp\":\"2026-11-22T03:07:23.123Z\",\"loggerName\":\"io.quarkus\",\"level\":\"INFO\","
                + "\"message\":\"Profile prod activated.\"}";
        String time = java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss.SSS").format(
                java.time.Instant.parse("2026-11-22T03:07:23.123Z").atZone(java.time.ZoneId.systemDefault()));

        assertEquals(time + " INFO io.quarkus: Profile prod activated.", LogLines.readableWithTime(line));
        assertEquals("---- starting: java -jar", LogLines.readableWithTime("---- starting: java -jar"));
    }

    @Test
    void otherLinesStayAsTheyAre() {
        assertEquals("2026-11-22 03:07:23 LOG:  database system is ready",
                LogLines.readable("2026-11-22 03:07:23 LOG:  database system is ready"));
    }
}
