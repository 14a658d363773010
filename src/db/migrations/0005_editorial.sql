-- The editorial record: rights and provenance on every asset, headlines, titles and usage
-- terms per language, the plan's taxonomy (themes, audiences, lead units, channels) carried
-- by assets and reportages, reportages themselves, metadata templates and code replacements,
-- translation status for reportage parts, and an audit log whose entries are hash-chained
-- (the chain itself is computed in Rust: see audit/).

-- Rights and provenance (IPTC Photo Metadata, PLUS). The source language's usage terms stay
-- in assets.usage_terms; other languages are in asset_texts.
ALTER TABLE assets ADD COLUMN territories TEXT;      -- JSON array of ISO 3166-1 codes, or ["worldwide"]
ALTER TABLE assets ADD COLUMN rights_expire TEXT;    -- YYYY-MM-DD
ALTER TABLE assets ADD COLUMN model_release TEXT CHECK (model_release IN ('none', 'not_applicable', 'unlimited', 'limited'));
ALTER TABLE assets ADD COLUMN property_release TEXT CHECK (property_release IN ('none', 'not_applicable', 'unlimited', 'limited'));
ALTER TABLE assets ADD COLUMN source_type TEXT CHECK (source_type IN ('staff', 'agency', 'contributor', 'handout'));
ALTER TABLE assets ADD COLUMN source TEXT;
ALTER TABLE assets ADD COLUMN licensor TEXT;
ALTER TABLE assets ADD COLUMN web_statement TEXT;
ALTER TABLE assets ADD COLUMN instructions TEXT;
-- When an XMP sidecar was last read with the file: a changed sidecar means reading again.
ALTER TABLE files ADD COLUMN sidecar_mtime_ns INTEGER;

-- Headline, title and usage terms in languages other than the source (which stays in the
-- assets row, where the file's own value goes).
CREATE TABLE asset_texts (
    asset_id  INTEGER NOT NULL REFERENCES assets (id) ON DELETE CASCADE,
    field     TEXT NOT NULL CHECK (field IN ('headline', 'title', 'usage_terms')),
    lang      TEXT NOT NULL,
    text      TEXT NOT NULL,
    PRIMARY KEY (asset_id, field, lang)
) WITHOUT ROWID;

-- The plan's taxonomy, editable. Themes are numbered as in the plan; the rest have slugs.
CREATE TABLE taxonomy (
    facet     TEXT NOT NULL CHECK (facet IN ('theme', 'audience', 'unit', 'channel')),
    id        TEXT NOT NULL,
    vi        TEXT NOT NULL,
    en        TEXT NOT NULL,
    grp       TEXT,                                -- a channel's group in the plan (IV.1–5)
    position  INTEGER NOT NULL,
    PRIMARY KEY (facet, id)
) WITHOUT ROWID;

CREATE TABLE theme_units (
    theme  TEXT NOT NULL,
    unit   TEXT NOT NULL,
    role   TEXT NOT NULL CHECK (role IN ('lead', 'coordinating')),
    PRIMARY KEY (theme, unit)
) WITHOUT ROWID;

INSERT INTO taxonomy (facet, id, vi, en, grp, position) VALUES
 ('theme', '1', 'Giá trị nền tảng cho sự phát triển và thịnh vượng', 'Foundation values for development and prosperity', NULL, 1),
 ('theme', '2', 'Sản phẩm xuất xứ tại địa phương', 'Local products', NULL, 2),
 ('theme', '3', 'Văn hóa, du lịch', 'Culture and tourism', NULL, 3),
 ('theme', '4', 'Tiềm năng kinh doanh', 'Business potential', NULL, 4),
 ('theme', '5', 'Chất lượng cuộc sống', 'Quality of life', NULL, 5),
 ('theme', '6', 'Hình ảnh lãnh đạo, chính quyền Đồng Nai', 'Image of the provincial leadership and government', NULL, 6),
 ('theme', '7', 'Tình hình đối ngoại của tỉnh', 'Foreign relations', NULL, 7),

 ('audience', 'foreign_partners', 'Đối tác, nhà đầu tư, doanh nghiệp nước ngoài', 'Foreign partners and investors', NULL, 1),
 ('audience', 'overseas_vietnamese', 'Người Việt Nam ở nước ngoài', 'Overseas Vietnamese', NULL, 2),
 ('audience', 'domestic', 'Cơ quan, doanh nghiệp, người Việt Nam trong nước', 'Agencies, companies and people in Vietnam', NULL, 3),
 ('audience', 'tourists', 'Khách du lịch trong và ngoài nước', 'Domestic and foreign tourists', NULL, 4),
 ('audience', 'residents', 'Doanh nghiệp, tổ chức và Nhân dân trên địa bàn tỉnh', 'Businesses, organisations and residents of the province', NULL, 5),
 ('audience', 'leaders', 'Lãnh đạo, quản lý các cấp trong tỉnh', 'Leaders and managers in the province', NULL, 6),

 ('unit', 'home_affairs', 'Sở Nội vụ', 'Department of Home Affairs', NULL, 1),
 ('unit', 'natural_resources', 'Sở Tài nguyên và Môi trường', 'Department of Natural Resources and Environment', NULL, 2),
 ('unit', 'agriculture', 'Sở Nông nghiệp và Phát triển nông thôn', 'Department of Agriculture and Rural Development', NULL, 3),
 ('unit', 'industry_trade', 'Sở Công Thương', 'Department of Industry and Trade', NULL, 4),
 ('unit', 'culture_tourism', 'Sở Văn hóa, Thể thao và Du lịch', 'Department of Culture, Sports and Tourism', NULL, 5),
 ('unit', 'labour', 'Sở Lao động - Thương binh và Xã hội', 'Department of Labour, Invalids and Social Affairs', NULL, 6),
 ('unit', 'planning_investment', 'Sở Kế hoạch và Đầu tư', 'Department of Planning and Investment', NULL, 7),
 ('unit', 'transport', 'Sở Giao thông vận tải', 'Department of Transport', NULL, 8),
 ('unit', 'information', 'Sở Thông tin và Truyền thông', 'Department of Information and Communications', NULL, 9),
 ('unit', 'health', 'Sở Y tế', 'Department of Health', NULL, 10),
 ('unit', 'education', 'Sở Giáo dục và Đào tạo', 'Department of Education and Training', NULL, 11),
 ('unit', 'police', 'Công an tỉnh', 'Provincial Police', NULL, 12),
 ('unit', 'committee_office', 'Văn phòng Ủy ban nhân dân tỉnh', 'Office of the People''s Committee', NULL, 13),
 ('unit', 'foreign_affairs', 'Sở Ngoại vụ', 'Department of Foreign Affairs', NULL, 14),
 ('unit', 'friendship_union', 'Liên hiệp các tổ chức hữu nghị tỉnh', 'Union of Friendship Organisations', NULL, 15),
 ('unit', 'departments', 'Các sở, ban, ngành', 'The other departments', NULL, 16),
 ('unit', 'district_committees', 'Ủy ban nhân dân các huyện, thành phố', 'District and city People''s Committees', NULL, 17),

 ('channel', 'newspaper', 'Báo in, báo điện tử', 'Newspaper (print and online)', 'mass_media', 1),
 ('channel', 'radio_tv', 'Phát thanh – Truyền hình', 'Radio and television', 'mass_media', 2),
 ('channel', 'web_portal', 'Cổng thông tin điện tử', 'Web portal', 'mass_media', 3),
 ('channel', 'international_agencies', 'Hãng thông tấn, đài truyền hình quốc tế', 'International news agencies and TV stations', 'mass_media', 4),
 ('channel', 'facebook', 'Facebook', 'Facebook', 'new_media', 5),
 ('channel', 'zalo', 'Zalo', 'Zalo', 'new_media', 6),
 ('channel', 'youtube', 'YouTube', 'YouTube', 'new_media', 7),
 ('channel', 'tiktok', 'TikTok', 'TikTok', 'new_media', 8),
 ('channel', 'ecommerce', 'Sàn thương mại điện tử của tỉnh', 'The province''s e-commerce site', 'new_media', 9),
 ('channel', 'screens', 'Pa-nô, bảng điện tử', 'Electronic billboards and screens', 'new_media', 10),
 ('channel', 'events', 'Sự kiện, hội chợ, triển lãm', 'Events, fairs and exhibitions', 'events', 11),
 ('channel', 'press_delegations', 'Đoàn phóng viên nước ngoài', 'Foreign press delegations', 'press_delegations', 12),
 ('channel', 'other', 'Hình thức khác', 'Other', 'other', 13);

INSERT INTO theme_units (theme, unit, role) VALUES
 ('1', 'home_affairs', 'lead'), ('1', 'natural_resources', 'lead'),
 ('2', 'agriculture', 'lead'), ('2', 'industry_trade', 'lead'),
 ('3', 'culture_tourism', 'lead'), ('3', 'labour', 'lead'),
 ('4', 'planning_investment', 'lead'), ('4', 'transport', 'lead'), ('4', 'information', 'lead'),
 ('5', 'health', 'lead'), ('5', 'education', 'lead'), ('5', 'labour', 'lead'), ('5', 'police', 'lead'),
 ('6', 'home_affairs', 'lead'), ('6', 'committee_office', 'lead'),
 ('7', 'foreign_affairs', 'lead'), ('7', 'friendship_union', 'lead'),
 ('1', 'departments', 'coordinating'), ('1', 'district_committees', 'coordinating'),
 ('2', 'departments', 'coordinating'), ('2', 'district_committees', 'coordinating'),
 ('3', 'departments', 'coordinating'), ('3', 'district_committees', 'coordinating'),
 ('4', 'departments', 'coordinating'), ('4', 'district_committees', 'coordinating'),
 ('5', 'departments', 'coordinating'), ('5', 'district_committees', 'coordinating'),
 ('6', 'departments', 'coordinating'), ('6', 'district_committees', 'coordinating'),
 ('7', 'departments', 'coordinating'), ('7', 'district_committees', 'coordinating');

-- Themes, audiences, lead units and channels an asset carries.
CREATE TABLE asset_facets (
    asset_id  INTEGER NOT NULL REFERENCES assets (id) ON DELETE CASCADE,
    facet     TEXT NOT NULL CHECK (facet IN ('theme', 'audience', 'lead_unit', 'channel')),
    value     TEXT NOT NULL,
    PRIMARY KEY (asset_id, facet, value)
) WITHOUT ROWID;
CREATE INDEX asset_facets_by_value ON asset_facets (facet, value, asset_id);

-- Reportages (phóng sự): a story in several languages grouping photos, films and documents.
CREATE TABLE reportages (
    id              INTEGER PRIMARY KEY,
    status          TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'editing', 'approved', 'published')),
    byline          TEXT,
    dateline        TEXT,
    notes           TEXT,                          -- not for publication
    classification  TEXT NOT NULL DEFAULT 'internal'
                    CHECK (classification IN ('public', 'internal', 'confidential', 'secret', 'top_secret')),
    embargo_until   TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);

CREATE TABLE reportage_texts (
    reportage_id  INTEGER NOT NULL REFERENCES reportages (id) ON DELETE CASCADE,
    part          TEXT NOT NULL CHECK (part IN ('headline', 'standfirst', 'body')),
    lang          TEXT NOT NULL,
    text          TEXT NOT NULL,                   -- the body as Markdown
    PRIMARY KEY (reportage_id, part, lang)
) WITHOUT ROWID;

-- An asset in a reportage may not disappear behind its back: no cascade from assets.
CREATE TABLE reportage_items (
    reportage_id  INTEGER NOT NULL REFERENCES reportages (id) ON DELETE CASCADE,
    asset_id      INTEGER NOT NULL REFERENCES assets (id),
    role          TEXT NOT NULL CHECK (role IN ('hero', 'gallery', 'main_film', 'b_roll', 'interview', 'document')),
    position      INTEGER NOT NULL,
    PRIMARY KEY (reportage_id, asset_id)
) WITHOUT ROWID;
CREATE INDEX reportage_items_by_asset ON reportage_items (asset_id);

CREATE TABLE reportage_facets (
    reportage_id  INTEGER NOT NULL REFERENCES reportages (id) ON DELETE CASCADE,
    facet         TEXT NOT NULL CHECK (facet IN ('theme', 'audience', 'lead_unit', 'channel')),
    value         TEXT NOT NULL,
    PRIMARY KEY (reportage_id, facet, value)
) WITHOUT ROWID;
CREATE INDEX reportage_facets_by_value ON reportage_facets (facet, value, reportage_id);

CREATE VIRTUAL TABLE reportage_search USING fts5 (
    headline, standfirst, body, byline, other,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3 4'
);

-- Photo Mechanic's stationery pads: named field values with variables, and code replacements
-- (=dn= → Đồng Nai) expanded in every text field as it is saved.
CREATE TABLE templates (
    name        TEXT PRIMARY KEY,
    body        TEXT NOT NULL,                     -- JSON: {"mode": "fill"|"overwrite", field: value, ...}
    updated_at  TEXT NOT NULL
);

CREATE TABLE code_replacements (
    code  TEXT PRIMARY KEY,
    text  TEXT NOT NULL
);

-- Translation status for reportage parts beside assets': the tables gain the item's kind.
CREATE TABLE translations_new (
    item_kind    TEXT NOT NULL DEFAULT 'asset' CHECK (item_kind IN ('asset', 'reportage')),
    item_id      INTEGER NOT NULL,
    part         TEXT NOT NULL CHECK (part IN ('subtitles', 'caption', 'headline', 'title', 'standfirst', 'body')),
    lang         TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('missing', 'draft', 'needs_review', 'approved')),
    assignee     TEXT,
    due          TEXT,
    source_hash  TEXT,
    updated_at   TEXT NOT NULL,
    PRIMARY KEY (item_kind, item_id, part, lang)
) WITHOUT ROWID;
INSERT INTO translations_new (item_kind, item_id, part, lang, status, assignee, due, source_hash, updated_at)
    SELECT 'asset', asset_id, part, lang, status, assignee, due, source_hash, updated_at FROM translations;
DROP TABLE translations;
ALTER TABLE translations_new RENAME TO translations;
CREATE INDEX translations_by_lang ON translations (lang, status);

CREATE TABLE translation_history_new (
    id           INTEGER PRIMARY KEY,
    item_kind    TEXT NOT NULL DEFAULT 'asset',
    item_id      INTEGER NOT NULL,
    part         TEXT NOT NULL,
    lang         TEXT NOT NULL,
    from_status  TEXT NOT NULL,
    to_status    TEXT NOT NULL,
    assignee     TEXT,
    due          TEXT,
    note         TEXT,
    override     TEXT,
    at           TEXT NOT NULL,
    actor        TEXT NOT NULL
);
INSERT INTO translation_history_new (id, item_kind, item_id, part, lang, from_status, to_status, assignee, due, note, override, at, actor)
    SELECT id, 'asset', asset_id, part, lang, from_status, to_status, assignee, due, note, override, at, actor FROM translation_history;
DROP TABLE translation_history;
ALTER TABLE translation_history_new RENAME TO translation_history;
CREATE INDEX translation_history_by_part ON translation_history (item_kind, item_id, part, lang, id);

-- The audit log becomes a hash chain: each entry holds the hash of the one before and its
-- own, over a canonical serialisation. Entries written before this version are sealed once,
-- by this migration's hook; after that an entry without a hash cannot be inserted, and a
-- sealed one cannot be changed or removed (what the shell does behind the app's back,
-- `audit verify` finds).
ALTER TABLE audit_log ADD COLUMN reportage_id INTEGER;
ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;
ALTER TABLE audit_log ADD COLUMN hash TEXT;
DROP TRIGGER audit_log_append_only_update;
CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log WHEN OLD.hash IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_chained_insert BEFORE INSERT ON audit_log WHEN NEW.hash IS NULL
BEGIN SELECT RAISE(ABORT, 'audit_log entries are appended through the chain'); END;
CREATE INDEX audit_log_by_asset ON audit_log (asset_id) WHERE asset_id IS NOT NULL;
CREATE INDEX audit_log_by_reportage ON audit_log (reportage_id) WHERE reportage_id IS NOT NULL;
