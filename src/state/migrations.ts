// The database schema as an ordered list of steps. A step is never edited once shipped: add a new one instead.
// `PRAGMA user_version` records how many steps a database file has had.

export const MIGRATIONS: readonly string[] = [
  // 1: digest subscriptions, the delivery ledger, and what each channel has already been sent.
  `
  CREATE TABLE subscriptions (
    channel        TEXT PRIMARY KEY,              -- platform:id, e.g. discord:123
    cron           TEXT NOT NULL,                 -- 5-field cron expression
    schedule_label TEXT NOT NULL,                 -- as the admin typed it ("daily 08:00")
    timezone       TEXT NOT NULL,                 -- IANA zone
    quiet          TEXT,                          -- "HH:MM-HH:MM" in the zone, or NULL
    origin         TEXT NOT NULL CHECK (origin IN ('chat', 'env')),
    created_by     TEXT NOT NULL,                 -- platform user id, or "env"
    created_at     INTEGER NOT NULL,              -- ms since the epoch
    updated_at     INTEGER NOT NULL,
    checked_until  INTEGER NOT NULL,              -- every slot at or before this instant has been handled
    status         TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused')),
    paused_reason  TEXT,
    failures       INTEGER NOT NULL DEFAULT 0,    -- consecutive failed posts
    last_error     TEXT,
    creator_told   INTEGER NOT NULL DEFAULT 0
  );

  CREATE TABLE deliveries (
    channel     TEXT NOT NULL,
    slot        INTEGER NOT NULL,                 -- the scheduled instant, ms since the epoch
    status      TEXT NOT NULL CHECK (status IN ('sending', 'sent', 'failed', 'unsent', 'unknown', 'skipped')),
    claimed_by  TEXT NOT NULL,                    -- which scheduler instance holds (or held) the claim
    claimed_at  INTEGER NOT NULL,
    finished_at INTEGER,
    attempts    INTEGER NOT NULL DEFAULT 1,
    error       TEXT,
    UNIQUE (channel, slot)
  );
  CREATE INDEX deliveries_status ON deliveries (status, slot);

  CREATE TABLE delivered_stories (
    channel      TEXT NOT NULL,
    source       TEXT NOT NULL,                   -- the story's file
    hash         TEXT NOT NULL,                   -- its content hash when it was sent
    delivered_at INTEGER NOT NULL,
    PRIMARY KEY (channel, source)
  );
  `,
  // 2: feeds per channel (validators, failure state, next check), the items seen of each, and fetched articles.
  `
  CREATE TABLE feeds (
    url             TEXT PRIMARY KEY,
    title           TEXT,
    etag            TEXT,
    last_modified   TEXT,
    status          TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused')),
    paused_reason   TEXT,
    failures        TEXT NOT NULL,                 -- JSON FailureState (src/sources/polite.ts)
    next_check_at   INTEGER NOT NULL,              -- ms since the epoch
    last_checked_at INTEGER,
    last_new_at     INTEGER,
    last_new_title  TEXT,
    created_at      INTEGER NOT NULL
  );
  CREATE INDEX feeds_due ON feeds (status, next_check_at);

  CREATE TABLE feed_channels (
    feed_url   TEXT NOT NULL REFERENCES feeds (url) ON DELETE CASCADE,
    channel    TEXT NOT NULL,                      -- platform:id
    post_each  INTEGER NOT NULL DEFAULT 0,
    added_by   TEXT NOT NULL,
    added_at   INTEGER NOT NULL,
    pause_told INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (feed_url, channel)
  );

  CREATE TABLE feed_items (
    feed_url    TEXT NOT NULL REFERENCES feeds (url) ON DELETE CASCADE,
    item_key    TEXT NOT NULL,                     -- guid/id, else link without tracking, else title|date
    hash        TEXT NOT NULL,
    article_url TEXT NOT NULL,
    first_seen  INTEGER NOT NULL,
    PRIMARY KEY (feed_url, item_key)
  );

  CREATE TABLE articles (
    url        TEXT PRIMARY KEY,
    feed_url   TEXT,                               -- NULL for a link someone pasted
    outlet     TEXT,
    title      TEXT,
    published  TEXT,                               -- ISO-8601 or NULL
    fetched_at INTEGER NOT NULL,
    text       TEXT NOT NULL,
    hash       TEXT NOT NULL
  );
  CREATE INDEX articles_fetched ON articles (fetched_at);
  `,
  // 3: what a channel gets when nothing is new since its last digest: 'line' (one short line) or 'skip' (no post).
  `
  ALTER TABLE subscriptions ADD COLUMN nothing_new TEXT NOT NULL DEFAULT 'line' CHECK (nothing_new IN ('line', 'skip'));
  `,
  // 4: feed check leases, so of several processes sharing the state each due feed is checked by one; a lease that
  // runs out (its holder died mid-check) lets another take the feed over.
  `
  ALTER TABLE feeds ADD COLUMN lease_holder TEXT;     -- which poller is checking the feed now, or NULL
  ALTER TABLE feeds ADD COLUMN lease_until  INTEGER;  -- ms since the epoch; past it the lease is void
  `,
  // 5: Slack workspaces installed through OAuth, which workspace each channel is in, and Slack event ids already
  // handled (Slack retries an event it thinks was missed, possibly to another replica).
  `
  CREATE TABLE slack_installations (
    workspace     TEXT PRIMARY KEY,               -- T<team id>, or E<enterprise id> for an org-wide install
    team_id       TEXT,
    enterprise_id TEXT,
    record        TEXT NOT NULL,                  -- the installation as Bolt gives it (JSON), bot token included
    updated_at    INTEGER NOT NULL
  );
  CREATE TABLE slack_channels (
    channel   TEXT PRIMARY KEY,                   -- Slack's channel id
    workspace TEXT NOT NULL,
    seen_at   INTEGER NOT NULL
  );
  CREATE TABLE slack_event_claims (
    event_id   TEXT PRIMARY KEY,
    claimed_at INTEGER NOT NULL
  );
  CREATE INDEX slack_event_claims_at ON slack_event_claims (claimed_at);
  `,
  // 6: the story each stored article joined, decided once by the process that stored it (story-book.ts places
  // the article there again after a restart, and on every replica); NULL for articles stored before this step.
  `
  ALTER TABLE articles ADD COLUMN story_id      TEXT;  -- the story's id
  ALTER TABLE articles ADD COLUMN story_article TEXT;  -- the article's id, or the one it is another source of
  `,
];
