package dev.shop.stack;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The options of `./shop up`: {@code --reset} and {@code --without <application>[,<application>...]}. */
public record UpOptions(boolean reset, List<String> without) {

    public UpOptions {
        without = List.copyOf(without);
    }

    public static UpOptions parse(List<String> args) {
        boolean reset = false;
        List<String> without = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--reset")) {
                reset = true;
            } else if (arg.equals("--without") && i + 1 < args.size()) {
                without.addAll(names(args.get(++i)));
            } else if (arg.startsWith("--without=")) {
                without.addAll(names(arg.substring("--without=".length())));
            } else {
                throw new UsageException("unknown option of ./shop up: " + arg
                        + " (./shop up [--reset] [--without <application>[,<application>...]])");
            }
        }
        return new UpOptions(reset, without.stream().distinct().toList());
    }

    /** Refuses a name that is not one of the applications: the servers are what a developer's service runs on. */
    public void requireApplications(StackComponents components) {
        List<String> applications = components.applications().stream().map(Component::name).toList();
        for (String name : without) {
            if (applications.contains(name)) {
                continue;
            }
            String what = components.names().contains(name)
                    ? name + " is a server the applications need, so it cannot be left out"
                    : "no application " + name;
            throw new UsageException("--without " + name + ": " + what
                    + ". Applications that can be left out: " + String.join(" ", applications));
        }
    }

    private static List<String> names(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(name -> !name.isEmpty()).toList();
    }
}
