-- Dated photos of the works of an empreendimento. The original upload is never kept: both files
-- are re-encoded JPEGs (no EXIF, no location), the thumbnail at most 480 px wide.
CREATE TABLE development_photo (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    development_id BIGINT NOT NULL REFERENCES development (id),
    taken_on TEXT NOT NULL,
    caption TEXT NOT NULL,
    storage_key TEXT NOT NULL UNIQUE,
    width BIGINT NOT NULL,
    height BIGINT NOT NULL,
    thumbnail_key TEXT NOT NULL UNIQUE,
    thumbnail_width BIGINT NOT NULL,
    thumbnail_height BIGINT NOT NULL,
    published_at BIGINT NOT NULL
);
CREATE INDEX development_photo_by_development ON development_photo (development_id, taken_on);
