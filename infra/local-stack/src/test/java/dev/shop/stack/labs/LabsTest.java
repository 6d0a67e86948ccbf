package dev.shop.stack.labs;

import static dev.shop.stack.labs.Expectation.Finding.met;
import static dev.shop.stack.labs.Expectation.Finding.missing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.shop.stack.DockerComposeFileTest;

class LabsTest {

    @Test
    void aLabIsDoneOnlyWhenEveryExpectationIsMetAndEachMissingOneSaysWhy() {
        Lab lab = lab(new Expectation("an order was placed", () -> met("order 42")),
                new Expectation("the breaker opened", () -> missing("put the PSP in outage")),
                new Expectation("the database answers", () -> {
                    throw new IllegalStateException("connection refused");
                }));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        boolean done = Labs.check(lab, null, new PrintStream(out, true));

        String report = out.toString();
        assertFalse(done, report);
        assertTrue(report.contains("[x] an order was placed"), report);
        assertTrue(report.contains("[ ] the breaker opened") && report.contains("missing: put the PSP in outage"), report);
        assertTrue(report.contains("missing: could not look: connection refused"), report);
        assertTrue(report.contains("1 of 3 expectations met"), report);
    }

    @Test
    void aLabWithEveryExpectationMetIsDone() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertTrue(Labs.check(lab(new Expectation("one", () -> met("yes"))), null, new PrintStream(out, true)));
        assertTrue(out.toString().contains("Done: all 1 expectations are met."), out.toString());
    }

    @Test
    void everyLabHasItsDocumentAndItsReferenceSolution() {
        Path repo = DockerComposeFileTest.repositoryRoot();
        for (Lab lab : Labs.ALL) {
            assertTrue(Files.isRegularFile(repo.resolve(lab.document())), lab.document());
            assertTrue(Files.isRegularFile(repo.resolve("docs/labs/solutions/" + lab.number() + "/solve.sh")),
                    "solution of lab " + lab.number());
        }
        assertEquals(List.of(1, 2, 3, 4, 5), Labs.ALL.stream().map(Lab::number).toList());
    }

    private static Lab lab(Expectation... expectations) {
        return new Lab(99, "a lab of this test", "docs/labs/README.md", shop -> List.of(expectations));
    }
}
