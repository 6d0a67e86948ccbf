package dev.shop.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class ShopScriptTest {

    static final Path REPO = Path.of("../..").toAbsolutePath().normalize();

    /** `./shop help` lists the names `./shop restart` and `./shop stop` accept (LocalStack refuses any other). */
    @Test
    void theHelpNamesEveryComponentOfTheStack() throws IOException {
        String listed = Files.readAllLines(REPO.resolve("shop")).stream()
                .filter(line -> line.startsWith("# Components: "))
                .findFirst().orElseThrow()
                .substring("# Components: ".length());
        StackSettings settings = new StackSettings(REPO, Path.of("target/shop-script-test").toAbsolutePath(), 0,
                Path.of(System.getProperty("java.home")));

        assertEquals(String.join(" ", new StackComponents(settings).names()), listed);
    }
}
