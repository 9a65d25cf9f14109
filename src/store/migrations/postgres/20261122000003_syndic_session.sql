-- A session opened through the síndico login carries that role (1) for its whole life.
ALTER TABLE session ADD COLUMN syndic BIGINT NOT NULL DEFAULT 0;
