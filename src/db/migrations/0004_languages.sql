-- Languages: one subtitle track per film and language, the limits tracks are checked against
-- (editable per language), and the state of every translation with its history. A track's
-- cues are one JSON document: read and written whole, as imports and exports use them.

CREATE TABLE subtitle_tracks (
    asset_id      INTEGER NOT NULL REFERENCES assets (id) ON DELETE CASCADE,
    lang          TEXT NOT NULL,                   -- BCP-47
    origin        TEXT NOT NULL,                   -- the file imported, or 'stream #N' of the film
    format        TEXT NOT NULL,                   -- srt, vtt, ttml, ass
    encoding      TEXT NOT NULL,                   -- as found: utf-8, windows-1258, tcvn3, ...
    cues          TEXT NOT NULL,                   -- JSON [{start_ms, end_ms, text}]
    cue_count     INTEGER NOT NULL,
    content_hash  TEXT NOT NULL,                   -- of the cues: a changed source is noticed
    imported_at   TEXT NOT NULL,
    actor         TEXT NOT NULL,
    PRIMARY KEY (asset_id, lang)
) WITHOUT ROWID;

CREATE TABLE subtitle_profiles (
    name      TEXT NOT NULL,
    lang      TEXT NOT NULL,                       -- BCP-47, or '*' for any language
    settings  TEXT NOT NULL,                       -- JSON of the profile
    PRIMARY KEY (name, lang)
) WITHOUT ROWID;

CREATE TABLE translations (
    asset_id        INTEGER NOT NULL REFERENCES assets (id) ON DELETE CASCADE,
    part            TEXT NOT NULL CHECK (part IN ('subtitles', 'caption', 'headline')),
    lang            TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('missing', 'draft', 'needs_review', 'approved')),
    assignee        TEXT,
    due             TEXT,                          -- YYYY-MM-DD
    source_hash     TEXT,                          -- the source as it was when approved
    updated_at      TEXT NOT NULL,
    PRIMARY KEY (asset_id, part, lang)
) WITHOUT ROWID;
CREATE INDEX translations_by_lang ON translations (lang, status);

CREATE TABLE translation_history (
    id           INTEGER PRIMARY KEY,
    asset_id     INTEGER NOT NULL REFERENCES assets (id) ON DELETE CASCADE,
    part         TEXT NOT NULL,
    lang         TEXT NOT NULL,
    from_status  TEXT NOT NULL,
    to_status    TEXT NOT NULL,
    assignee     TEXT,
    due          TEXT,
    note         TEXT,                             -- the editor's, or why Mediadesk changed it
    override     TEXT,                             -- approved despite check errors: the reason
    at           TEXT NOT NULL,
    actor        TEXT NOT NULL
);
CREATE INDEX translation_history_by_part ON translation_history (asset_id, part, lang, id);
