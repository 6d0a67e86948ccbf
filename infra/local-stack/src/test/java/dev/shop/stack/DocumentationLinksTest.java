package dev.shop.stack;

import static dev.shop.stack.DockerComposeFileTest.repositoryRoot;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The documents point only at what the repository has: a reader who clones it can follow every relative link, every
 * heading anchor and every file path the Markdown files name, and nothing points outside the repository.
 */
class DocumentationLinksTest {

    /** Build output, data and tool folders: not documents of the repository. */
    static final Set<String> NOT_DOCUMENTS = Set.of("target", ".data", ".git", "node_modules", ".mvn", ".idea");

    /** Created by a run, not checked in: a path into them is fine even in a fresh clone. */
    static final List<String> GENERATED = List.of(".data", "target");

    /** A relative path that climbs up with {@code ../} and names something, e.g. {@code ../architecture.md}. */
    static final Pattern CLIMBING_PATH = Pattern.compile("(?:\\.\\./)+[A-Za-z0-9_][A-Za-z0-9_.-]*");

    static final List<String> TEXT_FILES = List.of(".md", ".java", ".xml", ".properties", ".yml", ".yaml", ".json",
            ".sh", ".scala", ".conf", ".sql", ".txt");

    static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    static final Pattern CODE_SPAN = Pattern.compile("`([^`\\s]+)`");
    static final Pattern FENCE = Pattern.compile("(?s)```.*?```");
    static final Pattern HEADING = Pattern.compile("(?m)^#{1,6}\\s+(.+)$");
    /** An abbreviated stretch of directories, e.g. {@code platform/…/outbox/Outbox.java}. */
    static final Pattern ELLIPSIS = Pattern.compile("^(…|\\.\\.\\.)$");

    static Path repo;
    static List<Path> documents;
    static Set<String> topLevel;

    @BeforeAll
    static void findDocuments() throws IOException {
        repo = repositoryRoot();
        try (Stream<Path> files = Files.walk(repo)) {
            documents = files.filter(path -> repo.relativize(path).toString().isEmpty()
                            || !isExcluded(repo.relativize(path)))
                    .filter(path -> path.toString().endsWith(".md") && Files.isRegularFile(path))
                    .sorted()
                    .toList();
        }
        try (Stream<Path> entries = Files.list(repo)) {
            topLevel = new HashSet<>(entries.map(path -> path.getFileName().toString()).toList());
        }
        assertTrue(documents.size() > 20, "the documents were not found under " + repo + ": " + documents);
    }

    @Test
    void everyRelativeLinkLeadsToAFileOfTheRepository() {
        List<String> broken = new ArrayList<>();
        for (Link link : relativeLinks()) {
            if (link.target().startsWith("#")) {
                continue;
            }
            Path file = link.document().getParent().resolve(link.target().split("#", 2)[0]).normalize();
            if (!file.startsWith(repo)) {
                broken.add(where(link.document()) + ": " + link.target() + " points outside the repository");
            } else if (!Files.exists(file)) {
                broken.add(where(link.document()) + ": " + link.target() + " does not exist");
            }
        }
        assertTrue(broken.isEmpty(), "links that do not resolve:\n  " + String.join("\n  ", broken));
    }

    @Test
    void everyAnchorNamesAHeadingOfItsDocument() {
        List<String> broken = new ArrayList<>();
        for (Link link : relativeLinks()) {
            if (!link.target().contains("#")) {
                continue;
            }
            String[] parts = link.target().split("#", 2);
            Path file = parts[0].isEmpty() ? link.document()
                    : link.document().getParent().resolve(parts[0]).normalize();
            if (file.toString().endsWith(".md") && Files.isRegularFile(file) && !anchors(file).contains(parts[1])) {
                broken.add(where(link.document()) + ": " + link.target() + " (" + where(file)
                        + " has no such heading)");
            }
        }
        assertTrue(broken.isEmpty(), "anchors without a heading:\n  " + String.join("\n  ", broken));
    }

    /** A link of a document to a target without a scheme: a file, a file with an anchor, or an anchor alone. */
    record Link(Path document, String target) {
    }

    private static List<Link> relativeLinks() {
        List<Link> links = new ArrayList<>();
        for (Path document : documents) {
            Matcher link = LINK.matcher(prose(document));
            while (link.find()) {
                if (!link.group(1).matches("^[a-zA-Z][a-zA-Z+.-]*:.*")) {
                    links.add(new Link(document, link.group(1)));
                }
            }
        }
        return links;
    }

    /**
     * A path in a code span that starts at a top-level entry of the repository, e.g.
     * {@code order-service/src/main/resources/application.properties} or, abbreviated,
     * {@code platform/…/outbox/Outbox.java}, names a file or folder that exists.
     */
    @Test
    void everyPathInACodeSpanExists() {
        List<String> broken = new ArrayList<>();
        for (Path document : documents) {
            Matcher span = CODE_SPAN.matcher(prose(document));
            while (span.find()) {
                String path = span.group(1).replaceAll("[.,:;]+$", "");
                if (!looksLikeARepositoryPath(path)) {
                    continue;
                }
                if (!exists(List.of(path.split("/")), path.startsWith("./") ? document.getParent() : repo)
                        && !(path.startsWith("./") && exists(List.of(path.split("/")), repo))) {
                    broken.add(where(document) + ": `" + path + "`");
                }
            }
        }
        assertTrue(broken.isEmpty(), "paths that do not exist:\n  " + String.join("\n  ", broken));
    }

    /**
     * Code, scripts, configuration and documents alike: a clone has nothing beside it to point at, so no relative path
     * may climb, from the folder of the file that names it, above the repository's root.
     */
    @Test
    void nothingPointsOutsideTheRepository() throws IOException {
        List<String> outside = new ArrayList<>();
        try (Stream<Path> files = Files.walk(repo)) {
            for (Path file : files.filter(Files::isRegularFile)
                    .filter(path -> !isExcluded(repo.relativize(path)))
                    .filter(DocumentationLinksTest::isText)
                    .toList()) {
                Matcher climbing = CLIMBING_PATH.matcher(read(file));
                while (climbing.find()) {
                    if (!file.getParent().resolve(climbing.group()).normalize().startsWith(repo)) {
                        outside.add(where(file) + " names " + climbing.group());
                    }
                }
            }
        }
        assertTrue(outside.isEmpty(), "files that point outside the repository:\n  " + String.join("\n  ", outside));
    }

    private static boolean isText(Path file) {
        String name = file.getFileName().toString();
        return TEXT_FILES.stream().anyMatch(name::endsWith) || name.equals("shop") || name.equals("run");
    }

    private static boolean looksLikeARepositoryPath(String path) {
        if (!path.contains("/") || path.contains("://") || path.matches(".*[<>*${}|=?@,()\\[\\]].*")) {
            return false;
        }
        String first = path.startsWith("./") ? path.substring(2).split("/")[0] : path.split("/")[0];
        if (GENERATED.contains(first) || List.of(path.split("/")).contains("target")) {
            return false;
        }
        return path.startsWith("./") || topLevel.contains(first);
    }

    /** Whether the path's segments lead to a file from {@code base}; an ellipsis stands for any folders. */
    private static boolean exists(List<String> segments, Path base) {
        if (segments.isEmpty()) {
            return Files.exists(base);
        }
        String head = segments.getFirst();
        List<String> rest = segments.subList(1, segments.size());
        if (head.equals(".") || head.isEmpty()) {
            return exists(rest, base);
        }
        if (ELLIPSIS.matcher(head).matches()) {
            try (Stream<Path> below = Files.walk(base)) {
                return below.filter(Files::isDirectory)
                        .filter(dir -> !isExcluded(repo.relativize(dir)))
                        .anyMatch(dir -> exists(rest, dir));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return exists(rest, base.resolve(head));
    }

    /** GitHub's anchors: the heading in lower case, punctuation dropped, spaces as hyphens. */
    private static Set<String> anchors(Path document) {
        Set<String> anchors = new HashSet<>();
        Matcher heading = HEADING.matcher(prose(document));
        while (heading.find()) {
            anchors.add(heading.group(1).strip().toLowerCase(Locale.ROOT)
                    .replaceAll("[^\\p{L}\\p{N}_\\- ]", "")
                    .replace(' ', '-'));
        }
        return anchors;
    }

    private static boolean isExcluded(Path relative) {
        for (Path segment : relative) {
            if (NOT_DOCUMENTS.contains(segment.toString())) {
                return true;
            }
        }
        return false;
    }

    /** The document without its fenced code blocks (commands and samples, not references). */
    private static String prose(Path document) {
        return FENCE.matcher(read(document)).replaceAll("");
    }

    private static String read(Path document) {
        try {
            return Files.readString(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String where(Path document) {
        return repo.relativize(document).toString();
    }
}
