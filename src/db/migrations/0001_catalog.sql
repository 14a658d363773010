-- The first catalog: assets (one per distinct content), the files where each lives, what the
-- files say about themselves, editorial state (classification, embargo), an audit log, and a
-- contentless full-text index fed with diacritic-folded text (see text::fold).

CREATE TABLE assets (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('photo', 'video', 'audio')),
    content_hash    TEXT NOT NULL UNIQUE,          -- BLAKE3 of the bytes, hex
    size            INTEGER NOT NULL,
    format          TEXT NOT NULL,                 -- jpeg, png, tiff, webp, heif, raw, ...
    support         TEXT NOT NULL DEFAULT 'full' CHECK (support IN ('full', 'metadata_only')),
    support_note    TEXT,                          -- why only metadata was catalogued
    width           INTEGER,
    height          INTEGER,
    orientation     INTEGER,                       -- EXIF 1..8
    captured_at     TEXT,                          -- ISO 8601 as recorded, offset when known
    captured_local  TEXT,                          -- local wall-clock time, for sort and filter
    camera_make     TEXT,
    camera_model    TEXT,
    lens            TEXT,
    gps_lat         REAL,
    gps_lon         REAL,
    gps_alt         REAL,
    creator         TEXT,
    credit          TEXT,
    copyright       TEXT,
    headline        TEXT,
    title           TEXT,
    city            TEXT,
    province        TEXT,
    location        TEXT,
    country         TEXT,
    usage_terms     TEXT,
    classification  TEXT NOT NULL DEFAULT 'internal'
                    CHECK (classification IN ('public', 'internal', 'confidential', 'secret', 'top_secret')),
    embargo_until   TEXT,
    meta_version    INTEGER NOT NULL,              -- reader version; older rows are re-read
    added_at        TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX assets_by_capture ON assets (captured_local);
-- Ordering a set of search matches by capture time reads this narrow index, not the wide rows.
CREATE INDEX assets_capture_by_id ON assets (id, captured_local);
CREATE INDEX assets_by_camera ON assets (camera_model COLLATE NOCASE);

CREATE TABLE captions (
    asset_id  INTEGER NOT NULL REFERENCES assets (id) ON DELETE CASCADE,
    lang      TEXT NOT NULL,                       -- BCP-47; 'und' when undetectable
    text      TEXT NOT NULL,
    PRIMARY KEY (asset_id, lang)
) WITHOUT ROWID;

CREATE TABLE keywords (
    asset_id  INTEGER NOT NULL REFERENCES assets (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    keyword   TEXT NOT NULL,
    PRIMARY KEY (asset_id, position)
) WITHOUT ROWID;

-- An asset may live at several paths; a byte-identical copy is the same asset.
CREATE TABLE files (
    id        INTEGER PRIMARY KEY,
    asset_id  INTEGER NOT NULL REFERENCES assets (id) ON DELETE CASCADE,
    os_path   BLOB NOT NULL UNIQUE,                -- the path's bytes as the file system has them
    path      TEXT NOT NULL,                       -- the same path in NFC, for people and queries
    size      INTEGER NOT NULL,
    mtime_ns  INTEGER NOT NULL,
    added_at  TEXT NOT NULL
);
CREATE INDEX files_by_asset ON files (asset_id);
CREATE INDEX files_by_path ON files (path);

-- Append-only: classification changes now, exports later.
CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    asset_id  INTEGER,
    detail    TEXT NOT NULL                        -- JSON
);
CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

CREATE VIRTUAL TABLE search USING fts5 (
    headline, captions, keywords, creator, place, filename, other,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3 4'
);
