package dev.shop.orders.rest;

import java.util.List;

/** One page of a list, with the opaque cursor of the next page (null on the last). */
public record PageView<T>(List<T> items, String nextCursor) {
}
