-- A film's shot list: each shot's time in and out (milliseconds into the film; timecodes are
-- worked out from the film's own when a list is written), its description per language (JSON
-- object, language → NFC text) and what a broadcaster needs of it. Replaced as a whole.
CREATE TABLE shots (
    asset_id INTEGER NOT NULL REFERENCES assets (id) ON DELETE CASCADE,
    n INTEGER NOT NULL,
    start_ms INTEGER NOT NULL,
    end_ms INTEGER NOT NULL,
    description TEXT NOT NULL DEFAULT '{}',
    location TEXT,
    shot_date TEXT,
    credit TEXT,
    restrictions TEXT,
    PRIMARY KEY (asset_id, n),
    CHECK (start_ms >= 0 AND end_ms > start_ms)
) WITHOUT ROWID;
