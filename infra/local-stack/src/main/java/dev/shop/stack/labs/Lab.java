package dev.shop.stack.labs;

import java.util.List;
import java.util.function.Function;

/**
 * One workshop lab of docs/labs/: its number, title and text (relative to the repository root), and the expectations
 * {@code ./shop lab check N} holds the learner's work to, each said in plain words, in the order a learner gets there.
 */
public record Lab(int number, String title, String document, Function<RunningShop, List<Expectation>> expectations) {
}
