-- Login sessions. Only the SHA-256 of a token is stored (base64url): a token is 256 random bits,
-- so a fast hash is enough, and a database leak hands out no usable token. Times are ISO 8601
-- UTC text like everywhere else, so `expires_at > $now` compares them.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    revoked_at TEXT
);

CREATE INDEX sessions_user_id ON sessions (user_id);
