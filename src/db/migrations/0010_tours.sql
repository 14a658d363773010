-- Press tours: a library's own identity (a tour library knows the library it was checked out
-- of, and a merge refuses any other), the folder it was last opened in (so the paths of the
-- originals it holds move with it), and, at home, the tours checked out and what each took.
CREATE TABLE library (
    one INTEGER PRIMARY KEY CHECK (one = 1),
    uid TEXT NOT NULL DEFAULT (lower(hex(randomblob(16)))),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    -- The folder it was last opened in (its path's bytes); files under it follow it.
    root BLOB,
    -- In a tour library: the uid of the library it came from, and when; and whether it was
    -- made without the originals (kits are then built from previews).
    origin_uid TEXT,
    checked_out_at TEXT,
    previews_only INTEGER NOT NULL DEFAULT 0
);
INSERT INTO library (one) VALUES (1);

-- At home: each tour checked out. `items` is the JSON list of what went (asset content hashes,
-- reportage uids), `refused` what was left behind and why.
CREATE TABLE tours (
    uid TEXT PRIMARY KEY,
    path TEXT NOT NULL,
    checked_out_at TEXT NOT NULL,
    actor TEXT NOT NULL,
    previews_only INTEGER NOT NULL DEFAULT 0,
    items TEXT NOT NULL DEFAULT '[]',
    refused TEXT NOT NULL DEFAULT '[]',
    merged_at TEXT,
    -- Where merging has got to: the last of the tour's audit entries joined to this chain.
    audit_joined INTEGER NOT NULL DEFAULT 0
);

-- Edits made elsewhere and merged here name the library they were made in (NULL: this one),
-- so the same merge can keep many libraries in step.
ALTER TABLE edits ADD COLUMN library TEXT;

-- A field both home and a tour changed, differently: home keeps its value until an editor
-- picks one or types another. `item` and `field` as the home library names them ("12",
-- "r:3"; "caption:en"); the values are JSON.
CREATE TABLE tour_conflicts (
    tour        TEXT NOT NULL REFERENCES tours (uid),
    item        TEXT NOT NULL,
    field       TEXT NOT NULL,
    ours        TEXT NOT NULL,
    theirs      TEXT NOT NULL,
    ours_at     TEXT,
    ours_by     TEXT,
    theirs_at   TEXT,
    theirs_by   TEXT,
    found_at    TEXT NOT NULL,
    resolved_at TEXT,
    resolved_by TEXT,
    -- ours, theirs, or value (one the editor typed)
    resolution  TEXT CHECK (resolution IN ('ours', 'theirs', 'value')),
    PRIMARY KEY (tour, item, field)
);
