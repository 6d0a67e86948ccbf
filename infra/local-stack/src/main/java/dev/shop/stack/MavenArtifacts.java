package dev.shop.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Finds a Maven Central artifact in the local Maven repository, downloading it there first if needed
 * (with progress and a SHA-1 check). Large server distributions such as Keycloak are fetched this way
 * on first start instead of on every build.
 */
public final class MavenArtifacts {

    private static final String DEFAULT_REPOSITORY = "https://repo.maven.apache.org/maven2";

    private final Path localRepository;
    private final String remoteRepository;
    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(20))
            .build();

    public MavenArtifacts(Path localRepository, String remoteRepository) {
        this.localRepository = localRepository;
        this.remoteRepository = remoteRepository.replaceAll("/+$", "");
    }

    public static MavenArtifacts fromEnvironment() {
        String local = System.getenv().getOrDefault("SHOP_MAVEN_LOCAL_REPO",
                Path.of(System.getProperty("user.home"), ".m2", "repository").toString());
        String remote = System.getenv().getOrDefault("SHOP_MAVEN_REPO_URL", DEFAULT_REPOSITORY);
        return new MavenArtifacts(Path.of(local), remote);
    }

    public Path resolve(String groupId, String artifactId, String version, String type) {
        return resolve(groupId, artifactId, version, null, type);
    }

    public Path resolve(String groupId, String artifactId, String version, String classifier, String type) {
        String relative = groupId.replace('.', '/') + "/" + artifactId + "/" + version + "/"
                + artifactId + "-" + version + (classifier == null ? "" : "-" + classifier) + "." + type;
        Path target = localRepository.resolve(relative);
        if (Files.isRegularFile(target)) {
            return target;
        }
        download(remoteRepository + "/" + relative, target, artifactId + " " + version);
        return target;
    }

    private void download(String url, Path target, String label) {
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        try {
            Files.createDirectories(target.getParent());
            String expectedSha1 = fetchText(url + ".sha1").trim().split("\\s+")[0];
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                throw new StackException("downloading " + url + " answered HTTP " + response.statusCode());
            }
            long total = response.headers().firstValueAsLong("content-length").orElse(-1);
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            try (InputStream in = response.body(); OutputStream out = Files.newOutputStream(partial)) {
                copyWithProgress(in, out, sha1, total, label);
            }
            String actual = HexFormat.of().formatHex(sha1.digest());
            if (!actual.equalsIgnoreCase(expectedSha1)) {
                throw new StackException("checksum mismatch for " + url + ": expected " + expectedSha1 + ", got " + actual);
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new StackException("cannot download " + url + " (" + e.getMessage() + "). Check the network, or "
                    + "set SHOP_MAVEN_REPO_URL to a Maven Central mirror.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("download of " + url + " interrupted");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // nothing to clean
            }
        }
    }

    private static void copyWithProgress(InputStream in, OutputStream out, MessageDigest digest, long total,
            String label) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long done = 0;
        int lastPercent = -10;
        long lastReport = System.nanoTime();
        int read;
        while ((read = in.read(buffer)) != -1) {
            out.write(buffer, 0, read);
            digest.update(buffer, 0, read);
            done += read;
            int percent = total > 0 ? (int) (done * 100 / total) : -1;
            boolean stepDone = percent >= lastPercent + 10;
            boolean quietTooLong = System.nanoTime() - lastReport > Duration.ofSeconds(5).toNanos();
            if (stepDone || quietTooLong) {
                Console.step("download", label + ": " + (done >> 20) + " MB"
                        + (total > 0 ? " of " + (total >> 20) + " MB (" + percent + "%)" : ""));
                lastPercent = percent;
                lastReport = System.nanoTime();
            }
        }
    }

    private String fetchText(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode() + " for " + url);
        }
        return response.body();
    }
}
