package dev.shop.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One of our Quarkus applications (a service, the gateway or the psp-simulator), run from its fast-jar. */
public record QuarkusApp(String name, String moduleDir, int defaultPort, Map<String, String> env) {

    public Path runnerJar(Path repoDir) {
        return repoDir.resolve(moduleDir).resolve("target/quarkus-app/quarkus-run.jar");
    }

    public ManagedProcess start(StackSettings settings) {
        Path jar = runnerJar(settings.repoDir());
        if (!Files.isRegularFile(jar)) {
            throw new StackException(name + " is not built (" + jar + " missing): run ./shop build");
        }
        List<String> jvmOptions = new ArrayList<>(List.of("-Xms64m",
                "-Xmx" + System.getenv().getOrDefault("SHOP_SERVICE_HEAP", "256m"),
                // Serial GC: a small heap on few cores needs no concurrent GC threads, and its write barrier is
                // cheaper than G1's (CPU per request and resident memory measured in BENCHMARKS.md).
                "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError"));
        // extra JVM options for every application, for experiments (e.g. JIT settings); empty by default
        jvmOptions.addAll(List.of(System.getenv().getOrDefault("SHOP_JVM_OPTIONS", "").trim().split("\\s+")).stream()
                .filter(option -> !option.isEmpty()).toList());
        AotCache aot = AotCache.of(this, settings);
        AotCache.Mode mode = aot.prepare(jvmOptions);
        switch (mode) {
            case RECORD -> Console.step(name, "recording its AOT cache during this run (used from the next start)");
            case USE -> Console.step(name, "starting with its AOT cache");
            case OFF -> { }
        }
        List<String> command = new ArrayList<>();
        command.add(settings.javaCommand());
        command.addAll(jvmOptions);
        command.addAll(aot.options(mode));
        command.addAll(List.of("-jar", jar.toString()));
        return ManagedProcess.start(name, command, settings.dataDir().resolve("apps").resolve(name), env,
                settings.log(name));
    }

    public String readinessUrl(StackSettings settings) {
        return "http://127.0.0.1:" + settings.port(defaultPort) + "/q/health/ready";
    }
}
