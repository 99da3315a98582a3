-- The web admin's people and their sign-ins. Tokens (sessions, one-time
-- links) are stored as their SHA-256 only: a copy of the database signs
-- nobody in.
CREATE TABLE admin_users (
	id            INTEGER PRIMARY KEY,
	name          TEXT NOT NULL UNIQUE COLLATE NOCASE,
	email         TEXT NOT NULL DEFAULT '',
	role          TEXT NOT NULL,          -- admin | agent
	password_hash TEXT NOT NULL DEFAULT '', -- argon2id, PHC string; '' signs in by link only
	created_at    TEXT NOT NULL,
	updated_at    TEXT NOT NULL
);

CREATE TABLE admin_sessions (
	token_sha256 TEXT PRIMARY KEY,
	user_id      INTEGER NOT NULL REFERENCES admin_users(id),
	csrf         TEXT NOT NULL,
	created_at   TEXT NOT NULL,
	last_seen_at TEXT NOT NULL,
	expires_at   TEXT NOT NULL
);
CREATE INDEX admin_sessions_user ON admin_sessions(user_id);
CREATE INDEX admin_sessions_expiry ON admin_sessions(expires_at);

CREATE TABLE admin_links (
	token_sha256 TEXT PRIMARY KEY,
	user_id      INTEGER NOT NULL REFERENCES admin_users(id),
	created_at   TEXT NOT NULL,
	expires_at   TEXT NOT NULL,
	used_at      TEXT
);

-- Failed sign-ins, one row each, by what they are counted against
-- ('user:NAME', 'addr:IP'); rows older than the window are pruned.
CREATE TABLE admin_login_failures (
	key TEXT NOT NULL,
	at  TEXT NOT NULL
);
CREATE INDEX admin_login_failures_key ON admin_login_failures(key, at);
