package dev.shop.stack.labs;

import java.io.PrintStream;
import java.util.List;

import dev.shop.stack.Ports;
import dev.shop.stack.StackException;
import dev.shop.stack.StackSettings;

/**
 * {@code ./shop lab} lists the workshop labs of docs/labs/; {@code ./shop lab check N} looks at the running shop and
 * says, expectation by expectation, what of lab N is done and what is missing. Exit status 0 when the lab is done,
 * 1 when something is missing, 2 for a wrong command.
 */
public final class Labs {

    public static final List<Lab> ALL = List.of(FollowAnOrder.LAB, BreakTheCardProcessor.LAB,
            StopAServiceMidSaga.LAB, FindTheSlowStep.LAB, CacheAndItsInvalidation.LAB);

    private Labs() {
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        if (args.length == 0 || (args.length == 1 && args[0].equals("list"))) {
            out.println("Workshop labs (docs/labs/README.md); check one with ./shop lab check <N>:");
            ALL.forEach(lab -> out.printf("  %d  %s  (%s)%n", lab.number(), lab.title(), lab.document()));
            return;
        }
        if (args.length != 2 || !args[0].equals("check") || find(args[1]) == null) {
            System.err.println("usage: ./shop lab [list] | ./shop lab check <N>, N one of "
                    + ALL.stream().map(lab -> String.valueOf(lab.number())).toList());
            System.exit(2);
            return;
        }
        try {
            StackSettings settings = StackSettings.fromEnvironment();
            if (!Ports.isListening(settings.portOf("postgres")) || !Ports.isListening(settings.portOf("gateway"))) {
                System.err.println("The shop is not running: start it with ./shop up (in another terminal), then"
                        + " check again.");
                System.exit(2);
                return;
            }
            System.exit(check(find(args[1]), new RunningShop(settings), out) ? 0 : 1);
        } catch (StackException e) {
            System.err.println("FAILED: " + e.getMessage());
            System.exit(2);
        }
    }

    /** Prints each expectation of the lab with what was found. @return whether every one is met */
    public static boolean check(Lab lab, RunningShop shop, PrintStream out) {
        out.printf("Lab %d: %s (%s)%n", lab.number(), lab.title(), lab.document());
        List<Expectation> expectations = lab.expectations().apply(shop);
        int met = 0;
        for (Expectation expectation : expectations) {
            Expectation.Finding finding = expectation.check();
            out.printf("  [%s] %s%n        %s%n", finding.met() ? "x" : " ", expectation.what(),
                    (finding.met() ? "" : "missing: ") + finding.detail());
            met += finding.met() ? 1 : 0;
        }
        boolean done = met == expectations.size();
        out.println(done ? "Done: all " + met + " expectations are met."
                : met + " of " + expectations.size() + " expectations met; the hints above say where to look.");
        return done;
    }

    public static Lab find(String number) {
        return ALL.stream().filter(lab -> String.valueOf(lab.number()).equals(number)).findFirst().orElse(null);
    }
}
