package dev.shop.load;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;

/**
 * A run has two phases in one load-generator JVM. The warm-up ramps up to the rate for two thirds of its time and
 * holds the rate for the last third; it is not reported (its requests are silent), because for its first seconds
 * the load generator's own JIT compiler takes up to 60% of a core, and what that measures is Gatling starting, not
 * the shop (BENCHMARKS.md, round 5). The measured phase then goes on at the same rate, already steady; every
 * statistic and assertion covers it alone.
 */
public enum Phase {
    WARM_UP, MEASURED;

    /** {@code journey} as a warm-up ramp (-Dwarmup seconds, 0 = none) followed by the measured rate (-Dduration). */
    static List<PopulationBuilder> populations(String name, Function<Phase, ChainBuilder> journey,
            double usersPerSecond) {
        Duration warmup = LoadSettings.warmup();
        Duration duration = LoadSettings.duration();
        if (warmup.isZero()) {
            return List.of(scenario(name).exec(journey.apply(MEASURED))
                    .injectOpen(constantUsersPerSec(usersPerSecond).during(duration)));
        }
        Duration ramp = warmup.multipliedBy(2).dividedBy(3);
        return List.of(
                scenario(name + " (warm-up)").exec(journey.apply(WARM_UP)).injectOpen(
                        rampUsersPerSec(1).to(usersPerSecond).during(ramp),
                        constantUsersPerSec(usersPerSecond).during(warmup.minus(ramp))),
                scenario(name).exec(journey.apply(MEASURED))
                        .injectOpen(nothingFor(warmup), constantUsersPerSec(usersPerSecond).during(duration)));
    }
}
