-- Customer profiles (docs/design.md section 3). The id is the Keycloak token's subject: a profile is created on the
-- customer's first GET /users/me from the token's claims, and belongs to that subject only.
CREATE TABLE profiles (
    id           uuid         PRIMARY KEY,
    username     varchar(255) NOT NULL,
    email        varchar(320),
    display_name varchar(200) NOT NULL,
    version      bigint       NOT NULL DEFAULT 0,
    created_at   timestamptz  NOT NULL DEFAULT now(),
    updated_at   timestamptz  NOT NULL DEFAULT now()
);
