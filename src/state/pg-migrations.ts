// The Postgres schema as an ordered list of steps, the counterpart of migrations.ts for SQLite: the same tables,
// columns and constraints, in Postgres types (ms-since-epoch instants are BIGINT, flags BOOLEAN). A step is never
// edited once shipped: add a new one. Table briefbot_schema records how many steps a database has had.

export const PG_MIGRATIONS: readonly string[] = [
  // 1: digest subscriptions, the delivery ledger, and what each channel has already been sent (SQLite step 1).
  `
  CREATE TABLE subscriptions (
    channel        TEXT PRIMARY KEY,
    cron           TEXT NOT NULL,
    schedule_label TEXT NOT NULL,
    timezone       TEXT NOT NULL,
    quiet          TEXT,
    origin         TEXT NOT NULL CHECK (origin IN ('chat', 'env')),
    created_by     TEXT NOT NULL,
    created_at     BIGINT NOT NULL,
    updated_at     BIGINT NOT NULL,
    checked_until  BIGINT NOT NULL,
    status         TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused')),
    paused_reason  TEXT,
    failures       INTEGER NOT NULL DEFAULT 0,
    last_error     TEXT,
    creator_told   BOOLEAN NOT NULL DEFAULT FALSE
  );

  CREATE TABLE deliveries (
    channel     TEXT NOT NULL,
    slot        BIGINT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('sending', 'sent', 'failed', 'unsent', 'unknown', 'skipped')),
    claimed_by  TEXT NOT NULL,
    claimed_at  BIGINT NOT NULL,
    finished_at BIGINT,
    attempts    INTEGER NOT NULL DEFAULT 1,
    error       TEXT,
    UNIQUE (channel, slot)
  );
  CREATE INDEX deliveries_status ON deliveries (status, slot);

  CREATE TABLE delivered_stories (
    channel      TEXT NOT NULL,
    source       TEXT NOT NULL,
    hash         TEXT NOT NULL,
    delivered_at BIGINT NOT NULL,
    PRIMARY KEY (channel, source)
  );
  `,
  // 2: what a channel gets when nothing is new since its last digest (SQLite step 3).
  `
  ALTER TABLE subscriptions ADD COLUMN nothing_new TEXT NOT NULL DEFAULT 'line' CHECK (nothing_new IN ('line', 'skip'));
  `,
  // 3: feeds per channel, the items seen of each, and fetched articles (SQLite step 2).
  `
  CREATE TABLE feeds (
    url             TEXT PRIMARY KEY,
    title           TEXT,
    etag            TEXT,
    last_modified   TEXT,
    status          TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused')),
    paused_reason   TEXT,
    failures        TEXT NOT NULL,
    next_check_at   BIGINT NOT NULL,
    last_checked_at BIGINT,
    last_new_at     BIGINT,
    last_new_title  TEXT,
    created_at      BIGINT NOT NULL
  );
  CREATE INDEX feeds_due ON feeds (status, next_check_at);

  CREATE TABLE feed_channels (
    feed_url   TEXT NOT NULL REFERENCES feeds (url) ON DELETE CASCADE,
    channel    TEXT NOT NULL,
    post_each  BOOLEAN NOT NULL DEFAULT FALSE,
    added_by   TEXT NOT NULL,
    added_at   BIGINT NOT NULL,
    pause_told BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (feed_url, channel)
  );

  CREATE TABLE feed_items (
    feed_url    TEXT NOT NULL REFERENCES feeds (url) ON DELETE CASCADE,
    item_key    TEXT NOT NULL,
    hash        TEXT NOT NULL,
    article_url TEXT NOT NULL,
    first_seen  BIGINT NOT NULL,
    PRIMARY KEY (feed_url, item_key)
  );

  CREATE TABLE articles (
    url        TEXT PRIMARY KEY,
    feed_url   TEXT,
    outlet     TEXT,
    title      TEXT,
    published  TEXT,
    fetched_at BIGINT NOT NULL,
    text       TEXT NOT NULL,
    hash       TEXT NOT NULL
  );
  CREATE INDEX articles_fetched ON articles (fetched_at);
  `,
  // 4: feed check leases (SQLite step 4).
  `
  ALTER TABLE feeds ADD COLUMN lease_holder TEXT;
  ALTER TABLE feeds ADD COLUMN lease_until  BIGINT;
  `,
  // 5 (Postgres only, for replicas): when each article was last stored, by the database's clock, so a replica that
  // was disconnected catches up from a cursor; and a NOTIFY on channel briefbot_articles for every new, changed or
  // deleted article, sent in the writing transaction, so the other replicas' libraries follow without polling.
  // The payload names the article only ({"op","url"}), never its text; a URL too long for a payload (8000 bytes)
  // sends {"op":"catch-up"}, and listeners read everything stored since their cursor.
  `
  ALTER TABLE articles ADD COLUMN stored_at BIGINT NOT NULL DEFAULT 0;
  UPDATE articles SET stored_at = fetched_at;
  CREATE INDEX articles_stored ON articles (stored_at);
  CREATE FUNCTION briefbot_article_changed() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE
    payload TEXT;
  BEGIN
    payload := json_build_object(
      'op', lower(TG_OP),
      'url', CASE WHEN TG_OP = 'DELETE' THEN OLD.url ELSE NEW.url END
    )::text;
    IF octet_length(payload) > 7900 THEN
      payload := json_build_object('op', 'catch-up')::text;
    END IF;
    PERFORM pg_notify('briefbot_articles', payload);
    RETURN NULL;
  END
  $$;
  CREATE TRIGGER articles_inserted AFTER INSERT ON articles
    FOR EACH ROW EXECUTE FUNCTION briefbot_article_changed();
  CREATE TRIGGER articles_changed AFTER UPDATE ON articles
    FOR EACH ROW WHEN (OLD.hash IS DISTINCT FROM NEW.hash OR OLD.outlet IS DISTINCT FROM NEW.outlet
      OR OLD.published IS DISTINCT FROM NEW.published OR OLD.title IS DISTINCT FROM NEW.title)
    EXECUTE FUNCTION briefbot_article_changed();
  CREATE TRIGGER articles_deleted AFTER DELETE ON articles
    FOR EACH ROW EXECUTE FUNCTION briefbot_article_changed();
  `,
  // 6: Slack workspaces, their channels, and handled event ids (SQLite step 5).
  `
  CREATE TABLE slack_installations (
    workspace     TEXT PRIMARY KEY,
    team_id       TEXT,
    enterprise_id TEXT,
    record        TEXT NOT NULL,
    updated_at    BIGINT NOT NULL
  );
  CREATE TABLE slack_channels (
    channel   TEXT PRIMARY KEY,
    workspace TEXT NOT NULL,
    seen_at   BIGINT NOT NULL
  );
  CREATE TABLE slack_event_claims (
    event_id   TEXT PRIMARY KEY,
    claimed_at BIGINT NOT NULL
  );
  CREATE INDEX slack_event_claims_at ON slack_event_claims (claimed_at);
  `,
  // 7: the story each stored article joined (SQLite step 6), decided once by the replica that stored it, so every
  // replica places the article in the same story under the same id. A placement recorded on a row that had none
  // notifies the other replicas, as a change of the article does.
  `
  ALTER TABLE articles ADD COLUMN story_id      TEXT;
  ALTER TABLE articles ADD COLUMN story_article TEXT;
  DROP TRIGGER articles_changed ON articles;
  CREATE TRIGGER articles_changed AFTER UPDATE ON articles
    FOR EACH ROW WHEN (OLD.hash IS DISTINCT FROM NEW.hash OR OLD.outlet IS DISTINCT FROM NEW.outlet
      OR OLD.published IS DISTINCT FROM NEW.published OR OLD.title IS DISTINCT FROM NEW.title
      OR OLD.story_id IS DISTINCT FROM NEW.story_id OR OLD.story_article IS DISTINCT FROM NEW.story_article)
    EXECUTE FUNCTION briefbot_article_changed();
  `,
];
