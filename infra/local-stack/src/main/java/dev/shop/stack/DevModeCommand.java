package dev.shop.stack;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The command that runs an application left out of the stack (`./shop up --without`) in Quarkus dev mode so that
 * it joins the stack: {@code ./mvnw -pl <module> quarkus:dev}, preceded by each environment variable the stack
 * would give it whose value its own configuration (application.properties, platform defaults, dev profile) does
 * not already have. With the default ports there is none for the services.
 */
public final class DevModeCommand {

    private static final Path PLATFORM_DEFAULTS = Path.of("platform/src/main/resources/META-INF/microprofile-config.properties");
    /** {@code ${NAME:default}}: a value read from an environment variable, with its default. */
    private static final Pattern ENV_WITH_DEFAULT = Pattern.compile("^\\$\\{([A-Z0-9_]+):([^}]*)}$");

    private DevModeCommand() {
    }

    public static String of(QuarkusApp app, Path repoDir) {
        Map<String, String> defaults = devDefaults(repoDir, app);
        String assignments = app.env().entrySet().stream()
                .filter(variable -> !variable.getValue().equals(defaults.get(variable.getKey())))
                .map(variable -> variable.getKey() + "=" + variable.getValue() + " ")
                .collect(Collectors.joining());
        return assignments + "./mvnw -pl " + app.moduleDir() + " quarkus:dev";
    }

    /** The value each environment variable name would have in dev mode without that variable set. */
    private static Map<String, String> devDefaults(Path repoDir, QuarkusApp app) {
        Properties merged = new Properties();
        merged.putAll(load(repoDir.resolve(PLATFORM_DEFAULTS)));
        merged.putAll(load(repoDir.resolve(app.moduleDir()).resolve("src/main/resources/application.properties")));
        Map<String, String> byEnvName = new HashMap<>();
        merged.stringPropertyNames().stream().filter(key -> !key.startsWith("%"))
                .forEach(key -> put(byEnvName, key, merged.getProperty(key)));
        merged.stringPropertyNames().stream().filter(key -> key.startsWith("%dev."))
                .forEach(key -> put(byEnvName, key.substring("%dev.".length()), merged.getProperty(key)));
        return byEnvName;
    }

    private static void put(Map<String, String> byEnvName, String key, String value) {
        Matcher fromEnv = ENV_WITH_DEFAULT.matcher(value.trim());
        String resolved = fromEnv.matches() ? fromEnv.group(2) : value.trim();
        if (fromEnv.matches()) {
            byEnvName.put(fromEnv.group(1), resolved);
        }
        byEnvName.put(envName(key), resolved);
    }

    /** MicroProfile Config's mapping: every character that is not a letter or digit becomes _, upper case. */
    static String envName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    private static Properties load(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new StackException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return properties;
    }
}
