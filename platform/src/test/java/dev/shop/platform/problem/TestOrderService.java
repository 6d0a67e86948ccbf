package dev.shop.platform.problem;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Valid;

import dev.shop.platform.problem.ProblemTestResource.NewOrder;

/** Validation in a service bean rather than on the resource: the same 400 must come out. */
@ApplicationScoped
public class TestOrderService {

    public NewOrder place(@Valid NewOrder order) {
        return order;
    }
}
