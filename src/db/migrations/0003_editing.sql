-- Editing in the catalog (never in the original): a rating and a colour label as Photo
-- Mechanic users expect, and the history of edits. The history is the undo stack, and the
-- latest edit of a field is what the editor decided: it outlives re-reading the file.

ALTER TABLE assets ADD COLUMN rating INTEGER NOT NULL DEFAULT 0 CHECK (rating BETWEEN 0 AND 5);
ALTER TABLE assets ADD COLUMN label TEXT CHECK (label IN ('red', 'yellow', 'green', 'blue', 'purple'));
CREATE INDEX assets_by_rating ON assets (rating);

CREATE TABLE edits (
    id         INTEGER PRIMARY KEY,
    change_id  INTEGER NOT NULL,                   -- edits made together are undone together
    asset_id   INTEGER NOT NULL REFERENCES assets (id) ON DELETE CASCADE,
    field      TEXT NOT NULL,                      -- 'headline', 'caption:vi', 'rating', ...
    before     TEXT NOT NULL,                      -- the edit (JSON) that restores the old value
    after      TEXT NOT NULL,                      -- the edit (JSON) as made
    state      TEXT NOT NULL DEFAULT 'done' CHECK (state IN ('done', 'undone')),
    at         TEXT NOT NULL,
    actor      TEXT NOT NULL
);
CREATE INDEX edits_by_asset ON edits (asset_id, field, id);
CREATE INDEX edits_by_change ON edits (change_id, state);
