-- Kit builds name what they carry by identifiers that do not depend on row ids (a ninjs `uri`
-- must stay the same in every build, and a library merged from a laptop has other row ids):
-- reportages and kits get a random one at birth, as assets have their content hash.
ALTER TABLE reportages ADD COLUMN uid TEXT;
ALTER TABLE kits ADD COLUMN uid TEXT;
UPDATE reportages SET uid = lower(hex(randomblob(16))) WHERE uid IS NULL;
UPDATE kits SET uid = lower(hex(randomblob(16))) WHERE uid IS NULL;
CREATE UNIQUE INDEX reportages_uid ON reportages (uid);
CREATE UNIQUE INDEX kits_uid ON kits (uid);
CREATE TRIGGER reportages_uid AFTER INSERT ON reportages WHEN NEW.uid IS NULL
BEGIN
    UPDATE reportages SET uid = lower(hex(randomblob(16))) WHERE id = NEW.id;
END;
CREATE TRIGGER kits_uid AFTER INSERT ON kits WHEN NEW.uid IS NULL
BEGIN
    UPDATE kits SET uid = lower(hex(randomblob(16))) WHERE id = NEW.id;
END;
