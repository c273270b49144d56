-- Failed logins, per account (`account:<login>`) and per client address (`address:<ip>`), for
-- throttling: too many in the window and logins of that account or from that address are
-- refused (429) until the oldest failure leaves the window. In the database, so every instance
-- of the service sees the same count. Rows older than the window are deleted as new ones come.
CREATE TABLE login_failures (
    key          TEXT NOT NULL,
    failed_at_ms BIGINT NOT NULL
);

CREATE INDEX login_failures_key ON login_failures (key, failed_at_ms);
