package dev.shop.stack.fuzz;

import java.util.List;

/**
 * Makes request number {@code index} of a run: a valid request of a random endpoint, then (mostly) one to three
 * mutations of random kinds. A few requests stay valid, so that the run also goes through the paths that work.
 */
final class Mutator {

    /** Kinds of mutation and how often each is chosen (out of the sum of the weights). */
    private static final List<Weighted> KINDS = List.of(
            new Weighted(40, BodyMutations.ALL),
            new Weighted(18, HeaderMutations.ALL),
            new Weighted(14, HeaderMutations.TOKENS),
            new Weighted(12, UrlMutations.PATH),
            new Weighted(14, UrlMutations.QUERY),
            new Weighted(0.2, List.of(BodyMutations.TOO_LARGE)));
    private static final double TOTAL_WEIGHT = KINDS.stream().mapToDouble(Weighted::weight).sum();

    private record Weighted(double weight, List<Mutation> mutations) {
    }

    private Mutator() {
    }

    static FuzzRequest request(long seed, long index, Fixtures fixtures) {
        Gen gen = Gen.of(seed, index);
        FuzzRequest request = gen.pick(Endpoint.values()).validRequest(gen, fixtures);
        if (gen.chance(0.08)) {
            return request;
        }
        int wanted = 1 + (gen.chance(0.35) ? 1 : 0) + (gen.chance(0.15) ? 1 : 0);
        for (int applied = 0, tries = 0; applied < wanted && tries < 30; tries++) {
            if (pick(gen).applyTo(request, gen, fixtures)) {
                applied++;
            }
        }
        return request;
    }

    private static Mutation pick(Gen gen) {
        double at = gen.between(0, 1_000_000) / 1_000_000.0 * TOTAL_WEIGHT;
        for (Weighted kind : KINDS) {
            at -= kind.weight();
            if (at <= 0) {
                return gen.pick(kind.mutations());
            }
        }
        return gen.pick(KINDS.get(0).mutations());
    }
}
