package dev.shop.stack.fuzz;

import java.util.function.Predicate;

/**
 * One way to break a request. {@code apply} changes the request and says what it did (for the report); it may
 * decline (return null) when the request has nothing it can break, and another mutation is tried.
 */
record Mutation(String name, Predicate<FuzzRequest> appliesTo, Change change) {

    @FunctionalInterface
    interface Change {
        /** @return what was done, e.g. {@code "paymentMethod=\"\\0\""}; null when nothing was */
        String apply(FuzzRequest request, Gen gen, Fixtures fixtures);
    }

    static Mutation of(String name, Change change) {
        return new Mutation(name, request -> true, change);
    }

    static Mutation onBody(String name, Change change) {
        return new Mutation(name, FuzzRequest::hasBody, change);
    }

    /** Applies it and records it on the request; false when it did not apply. */
    boolean applyTo(FuzzRequest request, Gen gen, Fixtures fixtures) {
        if (!appliesTo.test(request)) {
            return false;
        }
        String what = change.apply(request, gen, fixtures);
        if (what == null) {
            return false;
        }
        request.mutations.add(what.isEmpty() ? name : name + " " + what);
        return true;
    }
}
