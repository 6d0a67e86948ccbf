/**
 * RFC 9457 problem+json for every error answer of a service (docs/design.md section 4). A service only
 * depends on this module; it needs no configuration and no code of its own for these cases.
 *
 * <table>
 * <caption>What answers what</caption>
 * <tr><th>Cause</th><th>Status and code</th><th>Where</th></tr>
 * <tr><td>{@link dev.shop.platform.problem.ProblemException} thrown anywhere</td>
 *     <td>its own status, code, title, detail, headers (e.g. Retry-After) and violations</td>
 *     <td>{@link dev.shop.platform.problem.ProblemMappers}</td></tr>
 * <tr><td>Bean Validation on a resource parameter or a service method</td>
 *     <td>400 {@code VALIDATION_FAILED}, violations {@code [{field: "lines[0].quantity", message}]};
 *     a violated return value is a bug: 500</td><td>ProblemMappers</td></tr>
 * <tr><td>Body is not JSON, or not the expected JSON value (an array for an object)</td>
 *     <td>400 {@code MALFORMED_JSON}</td><td>ProblemMappers, {@code JsonProblems}</td></tr>
 * <tr><td>Body has a field its type does not have (strict JSON)</td>
 *     <td>400 {@code UNKNOWN_FIELD}, the field in violations</td><td>ProblemMappers</td></tr>
 * <tr><td>Field of the wrong JSON type, out of range, or null or absent for a primitive</td>
 *     <td>400 {@code INVALID_FIELD_TYPE}, the field in violations</td><td>ProblemMappers</td></tr>
 * <tr><td>A query, path or header parameter that does not convert ({@code ?limit=abc} for an int)</td>
 *     <td>400 {@code INVALID_PARAMETER} (JAX-RS would say 404 for query and path parameters)</td>
 *     <td>ProblemMappers</td></tr>
 * <tr><td>Any {@code WebApplicationException}: unknown resource, wrong method, unsupported
 *     Content-Type or Accept, NotAuthorized/Forbidden...</td>
 *     <td>its status, code from the status name ({@code NOT_FOUND}, {@code METHOD_NOT_ALLOWED},
 *     {@code UNSUPPORTED_MEDIA_TYPE}, {@code NOT_ACCEPTABLE}, {@code UNAUTHORIZED}, {@code FORBIDDEN}...),
 *     its headers kept (WWW-Authenticate, Retry-After); a 3xx passes through untouched</td>
 *     <td>ProblemMappers</td></tr>
 * <tr><td>Anything else, including a Jackson error that did not come from the request body</td>
 *     <td>500 {@code INTERNAL_ERROR}; logged once with its stack trace, which never reaches the client</td>
 *     <td>ProblemMappers</td></tr>
 * <tr><td>An error response without a body (a resource's {@code Response.status(409).build()},
 *     Quarkus' security mappers' 401/403)</td>
 *     <td>its status, code from the status name</td><td>{@link dev.shop.platform.problem.EmptyErrorBodyFilter}</td></tr>
 * <tr><td>A path no route matches at all</td><td>404 {@code NOT_FOUND}</td>
 *     <td>{@link dev.shop.platform.problem.UnknownRouteHandler}</td></tr>
 * </table>
 *
 * Not covered here: failures answered by Vert.x before Quarkus REST runs (e.g. a failed proactive
 * authentication, a request body over {@code quarkus.http.limits.max-body-size}) keep Quarkus' own
 * answer; and in dev mode Quarkus may answer an unknown path with its own page listing the endpoints.
 * Jackson stops at the first error of a body, Bean Validation lists them all: request records that
 * use {@code Integer} with {@code @NotNull} rather than {@code int} get every missing field reported at once.
 * Every problem carries a {@code traceId} ({@link dev.shop.platform.problem.TraceIds}).
 */
package dev.shop.platform.problem;
