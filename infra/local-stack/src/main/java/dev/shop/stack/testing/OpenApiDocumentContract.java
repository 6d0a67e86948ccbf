package dev.shop.stack.testing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * The OpenAPI document a service serves at {@code /q/openapi} is checked in as {@code docs/api/<service>.yaml}, so
 * that a change of the public contract shows up in review instead of passing unnoticed. The two are compared as
 * parsed trees: key order and YAML formatting do not count. With {@code -Dopenapi.update=true} the served document
 * is written to the file instead (docs/api/README.md). A service's test suite extends this (annotated with
 * {@code @QuarkusTest} and {@link RealInfrastructure}).
 */
public abstract class OpenApiDocumentContract {

    public static final String UPDATE_PROPERTY = "openapi.update";

    private static final YAMLMapper YAML = new YAMLMapper();

    /** The module name, which is also the document's file name under docs/api/. */
    protected abstract String serviceName();

    @Test
    void servedOpenApiDocumentIsTheCheckedInOne() throws IOException {
        String served = given().when().get("/q/openapi").then().statusCode(200).extract().asString();
        Path file = checkedInDocument();
        if (Boolean.getBoolean(UPDATE_PROPERTY)) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, served, StandardCharsets.UTF_8);
            return;
        }
        assertTrue(Files.isRegularFile(file), "docs/api/" + file.getFileName() + " is missing. " + howToUpdate());
        Optional<String> difference = firstDifference("", YAML.readTree(file.toFile()), YAML.readTree(served));
        if (difference.isPresent()) {
            fail("docs/api/" + file.getFileName() + " differs from the document " + serviceName()
                    + " serves at /q/openapi, first at " + difference.get() + ". If the API change is intended, "
                    + howToUpdate() + " and commit the file with the change.");
        }
    }

    private String howToUpdate() {
        return "Write it from the running service: ./mvnw -pl " + serviceName() + " -am verify -Dtest=OpenApiDocumentTest"
                + " -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=none -D" + UPDATE_PROPERTY + "=true";
    }

    private Path checkedInDocument() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("docs"))) {
                return dir.resolve("docs/api").resolve(serviceName() + ".yaml");
            }
        }
        throw new IllegalStateException("repository root (mvnw, docs/) not found above " + Path.of("").toAbsolutePath());
    }

    /** The JSON-pointer-like path of the first place where the two trees differ, with both values. */
    static Optional<String> firstDifference(String path, JsonNode expected, JsonNode actual) {
        if (expected.isObject() && actual.isObject()) {
            Set<String> names = new TreeSet<>();
            expected.fieldNames().forEachRemaining(names::add);
            actual.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                Optional<String> difference = firstDifference(path + "/" + name, expected.path(name), actual.path(name));
                if (difference.isPresent()) {
                    return difference;
                }
            }
            return Optional.empty();
        }
        if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
            Iterator<JsonNode> left = expected.elements();
            Iterator<JsonNode> right = actual.elements();
            for (int index = 0; left.hasNext(); index++) {
                Optional<String> difference = firstDifference(path + "/" + index, left.next(), right.next());
                if (difference.isPresent()) {
                    return difference;
                }
            }
            return Optional.empty();
        }
        if (expected.equals(actual)) {
            return Optional.empty();
        }
        return Optional.of((path.isEmpty() ? "/" : path) + " (checked in: " + shorten(expected) + ", served: "
                + shorten(actual) + ")");
    }

    private static String shorten(JsonNode node) {
        String text = node.isMissingNode() ? "absent" : node.toString();
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
