package dev.shop.users.rest;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code PUT /api/v1/users/me}: what a customer may change. The id and username come from the identity
 * provider; sending them is an unknown field (400).
 */
public record ProfileUpdateRequest(
        @NotBlank @Email @Size(max = 320) String email,
        @NotBlank @Size(max = 200) String displayName) {
}
