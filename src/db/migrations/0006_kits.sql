-- Press kits: what goes to whom, in which language and format. A kit is edited until it is
-- built; each build is a numbered version, and the delivery register is the audit log's
-- `delivery` entries (hash-chained with the rest). Profiles ship with the app; the ones an
-- editor saves (new, or a default changed) are kept here and win over the shipped ones.

-- Who is in a picture (IPTC Extension PersonInImage): a picture that names people needs a
-- model release where a profile asks for one. And where its subject is, for crops.
ALTER TABLE assets ADD COLUMN persons TEXT;   -- JSON array of names
ALTER TABLE assets ADD COLUMN focus_x REAL CHECK (focus_x BETWEEN 0 AND 1);
ALTER TABLE assets ADD COLUMN focus_y REAL CHECK (focus_y BETWEEN 0 AND 1);

CREATE TABLE kits (
    id             INTEGER PRIMARY KEY,
    title          TEXT,
    profile        TEXT NOT NULL,
    languages      TEXT NOT NULL,              -- JSON array, the target languages in order
    vietnamese_beside INTEGER NOT NULL DEFAULT 0,
    recipient      TEXT NOT NULL,
    outlet         TEXT,
    country        TEXT,                       -- ISO 3166-1 alpha-2
    contact        TEXT,
    channel        TEXT,                       -- a channel of the plan's taxonomy
    deliver_at     TEXT,                       -- RFC 3339
    notes          TEXT,
    built_versions INTEGER NOT NULL DEFAULT 0, -- how many times it was built
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);

-- A kit's items in order: an asset or a reportage (whose texts and items go with it).
CREATE TABLE kit_items (
    kit_id       INTEGER NOT NULL REFERENCES kits (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    asset_id     INTEGER REFERENCES assets (id) ON DELETE CASCADE,
    reportage_id INTEGER REFERENCES reportages (id) ON DELETE CASCADE,
    CHECK ((asset_id IS NULL) <> (reportage_id IS NULL))
);
CREATE UNIQUE INDEX kit_items_asset ON kit_items (kit_id, asset_id) WHERE asset_id IS NOT NULL;
CREATE UNIQUE INDEX kit_items_reportage ON kit_items (kit_id, reportage_id) WHERE reportage_id IS NOT NULL;
CREATE INDEX kit_items_order ON kit_items (kit_id, position);

-- Assets of a reportage in the kit that the editor dropped from this kit only.
CREATE TABLE kit_exclusions (
    kit_id   INTEGER NOT NULL REFERENCES kits (id) ON DELETE CASCADE,
    asset_id INTEGER NOT NULL REFERENCES assets (id) ON DELETE CASCADE,
    PRIMARY KEY (kit_id, asset_id)
) WITHOUT ROWID;

-- A soft rule accepted for one item of one kit, with the editor's reason (also audited).
CREATE TABLE kit_acceptances (
    kit_id INTEGER NOT NULL REFERENCES kits (id) ON DELETE CASCADE,
    item   TEXT NOT NULL,                      -- "12" or "r:3"
    rule   TEXT NOT NULL,
    reason TEXT NOT NULL,
    actor  TEXT NOT NULL,
    at     TEXT NOT NULL,
    PRIMARY KEY (kit_id, item, rule)
) WITHOUT ROWID;

CREATE TABLE kit_profiles (
    name       TEXT PRIMARY KEY,
    body       TEXT NOT NULL,                  -- the profile as JSON
    updated_at TEXT NOT NULL
) WITHOUT ROWID;
