package dev.shop.users.domain;

import java.util.UUID;

/**
 * Fired (as a CDI event) inside every transaction that creates or changes a profile; {@code ProfileCache}
 * observes it after the commit and invalidates the cached profile.
 */
public record ProfileChanged(UUID profileId) {
}
