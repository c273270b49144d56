-- The answers of requests sent with an `Idempotency-Key` header, per user: the same key with the
-- same request replays the stored answer. A row is inserted in the request's own transaction
-- and filled with the answer before the commit, so a request that fails leaves no row (its retry
-- runs again) and a concurrent duplicate waits for the first to commit.
CREATE TABLE idempotency_keys (
    user_id      TEXT NOT NULL REFERENCES users (id),
    key          TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    status       BIGINT,
    body         TEXT,
    created_at   TEXT NOT NULL,
    PRIMARY KEY (user_id, key)
);
