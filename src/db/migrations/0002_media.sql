-- Films and sound: the duration (for filters and sorting), the whole technical record read by
-- libav (JSON, for show and the app), and one row per stream, so filters on codec and language
-- use an index instead of parsing JSON for every asset.

ALTER TABLE assets ADD COLUMN duration_s REAL;
ALTER TABLE assets ADD COLUMN media TEXT;
CREATE INDEX assets_by_duration ON assets (duration_s) WHERE duration_s IS NOT NULL;

CREATE TABLE media_streams (
    asset_id      INTEGER NOT NULL REFERENCES assets (id) ON DELETE CASCADE,
    stream_index  INTEGER NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('video', 'audio', 'subtitle')),
    codec         TEXT NOT NULL,
    language      TEXT,                            -- BCP-47
    PRIMARY KEY (asset_id, stream_index)
) WITHOUT ROWID;
CREATE INDEX media_streams_by_codec ON media_streams (codec, asset_id);
