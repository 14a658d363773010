-- The press office's contacts: who a delegation calls (press officers, interpreters, the units'
-- spokespeople). Every site kit carries them as vCards.
CREATE TABLE contacts (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE DEFAULT (lower(hex(randomblob(16)))),
    name TEXT NOT NULL CHECK (name <> ''),
    organisation TEXT,
    title TEXT,
    email TEXT,
    phone TEXT,
    url TEXT,
    -- JSON array of language tags the contact speaks.
    languages TEXT NOT NULL DEFAULT '[]',
    created_at TEXT NOT NULL
);
