package dev.shop.users.rest;

/** OpenAPI examples of user-service, in one place so the contract reads like documentation. */
final class Examples {

    private Examples() {
    }

    static final String USER = """
            {"id": "6878cf66-c60b-3472-99e5-c0ee5373edfe", "username": "alice", "email": "alice@shop.example",
             "displayName": "Alice Liddell"}""";

    static final String PROFILE_UPDATE = """
            {"email": "alice@wonderland.example", "displayName": "Alice L."}""";

    static final String PROFILE_NOT_FOUND = """
            {"type": "https://shop.dev/problems/profile-not-found", "title": "Profile not found", "status": 404,
             "detail": "No profile with id 6878cf66-c60b-3472-99e5-c0ee5373edfe; a profile exists once its user has called GET /users/me.",
             "instance": "/api/v1/users/6878cf66-c60b-3472-99e5-c0ee5373edfe", "code": "PROFILE_NOT_FOUND",
             "traceId": "4bf92f3577b34da6a3ce929d0e0e4736"}""";

    static final String VALIDATION_FAILED = """
            {"type": "https://shop.dev/problems/validation-failed", "title": "Validation failed", "status": 400,
             "detail": "2 fields are invalid.", "instance": "/api/v1/users/me", "code": "VALIDATION_FAILED",
             "traceId": "4bf92f3577b34da6a3ce929d0e0e4736",
             "violations": [{"field": "displayName", "message": "must not be blank"},
                            {"field": "email", "message": "must be a well-formed email address"}]}""";

    static final String UNKNOWN_FIELD = """
            {"type": "https://shop.dev/problems/unknown-field", "title": "Unknown field", "status": 400,
             "detail": "Unknown field 'username'.", "instance": "/api/v1/users/me", "code": "UNKNOWN_FIELD",
             "traceId": "4bf92f3577b34da6a3ce929d0e0e4736",
             "violations": [{"field": "username", "message": "is not a known field; known fields: displayName, email"}]}""";

    static final String CONCURRENT_UPDATE = """
            {"type": "https://shop.dev/problems/concurrent-update", "title": "Concurrent update", "status": 409,
             "detail": "Your profile was changed by another request at the same time; read it and retry.",
             "instance": "/api/v1/users/me", "code": "CONCURRENT_UPDATE", "traceId": "4bf92f3577b34da6a3ce929d0e0e4736"}""";

    static final String UNAUTHORIZED = """
            {"type": "about:blank", "title": "Unauthorized", "status": 401,
             "detail": "Authentication is required: send a valid bearer token.", "instance": "/api/v1/users/me",
             "code": "UNAUTHORIZED", "traceId": "4bf92f3577b34da6a3ce929d0e0e4736"}""";

    static final String FORBIDDEN = """
            {"type": "about:blank", "title": "Forbidden", "status": 403,
             "detail": "You are not allowed to do this.", "instance": "/api/v1/users/df841326-bcc2-3912-b54f-5f4c1d7ee580",
             "code": "FORBIDDEN", "traceId": "4bf92f3577b34da6a3ce929d0e0e4736"}""";
}
