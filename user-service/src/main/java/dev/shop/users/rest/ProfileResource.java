package dev.shop.users.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.shop.platform.problem.Problem;
import dev.shop.users.domain.ProfileView;
import dev.shop.users.service.ProfileService;

/**
 * Profiles (docs/design.md section 3): a customer reads and edits their own, identified by the token's subject;
 * only admins read anyone's. Reads come from Redis when possible; an edit invalidates the cached profile after
 * its commit, before this answers.
 */
@Path("/api/v1/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Users", description = "Customer profiles, created from the Keycloak token on first use")
public class ProfileResource {

    private final ProfileService profiles;
    private final JsonWebToken token;

    public ProfileResource(ProfileService profiles, JsonWebToken token) {
        this.profiles = profiles;
        this.token = token;
    }

    @GET
    @Path("/me")
    @RolesAllowed("customer")
    @Operation(summary = "The caller's own profile",
            description = "Created on the first call from the token: id = sub, username = preferred_username, "
                    + "email = email, displayName = given_name family_name.")
    @APIResponse(responseCode = "200", description = "The profile",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProfileView.class),
                    examples = @ExampleObject(name = "alice", value = Examples.USER)))
    @APIResponse(responseCode = "401", description = "UNAUTHORIZED: no valid bearer token; INVALID_TOKEN: its sub is not a UUID",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "no token", value = Examples.UNAUTHORIZED)))
    @APIResponse(responseCode = "403", description = "FORBIDDEN: the token has no customer role",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "no role", value = Examples.FORBIDDEN)))
    public ProfileView me() {
        return profiles.me(TokenIdentity.of(token));
    }

    @PUT
    @Path("/me")
    @RolesAllowed("customer")
    @Operation(summary = "Edit the caller's own email and display name",
            description = "The username comes from the identity provider and does not change here. "
                    + "The next GET returns the new values.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "edit", value = Examples.PROFILE_UPDATE)))
    @APIResponse(responseCode = "200", description = "The profile as it is now",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProfileView.class),
                    examples = @ExampleObject(name = "alice", value = Examples.USER)))
    @APIResponse(responseCode = "400", description = "VALIDATION_FAILED (every invalid field listed), UNKNOWN_FIELD, "
            + "INVALID_FIELD_TYPE or MALFORMED_JSON",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = {@ExampleObject(name = "invalid fields", value = Examples.VALIDATION_FAILED),
                            @ExampleObject(name = "unknown field", value = Examples.UNKNOWN_FIELD)}))
    @APIResponse(responseCode = "401", description = "UNAUTHORIZED: no valid bearer token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "no token", value = Examples.UNAUTHORIZED)))
    @APIResponse(responseCode = "403", description = "FORBIDDEN: the token has no customer role",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "no role", value = Examples.FORBIDDEN)))
    @APIResponse(responseCode = "409", description = "CONCURRENT_UPDATE: changed by another request at the same time; retry",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "conflict", value = Examples.CONCURRENT_UPDATE)))
    public ProfileView editMe(@Valid @NotNull ProfileUpdateRequest request) {
        return profiles.editMe(TokenIdentity.of(token), request.email(), request.displayName());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed("admin")
    @Operation(summary = "Any profile (admin)", description = "Customers get 403, also for their own id: they use /users/me.")
    @APIResponse(responseCode = "200", description = "The profile",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProfileView.class),
                    examples = @ExampleObject(name = "alice", value = Examples.USER)))
    @APIResponse(responseCode = "400", description = "INVALID_PARAMETER: the id is not a UUID",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "UNAUTHORIZED: no valid bearer token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "no token", value = Examples.UNAUTHORIZED)))
    @APIResponse(responseCode = "403", description = "FORBIDDEN: the token has no admin role",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "customer", value = Examples.FORBIDDEN)))
    @APIResponse(responseCode = "404", description = "PROFILE_NOT_FOUND: no such user, or they never called /users/me",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "not found", value = Examples.PROFILE_NOT_FOUND)))
    public ProfileView get(@PathParam("id") UUID id) {
        return profiles.find(id);
    }
}
