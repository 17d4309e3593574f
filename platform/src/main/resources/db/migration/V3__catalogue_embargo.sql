-- Catalogue: each product's embargo (from its descriptive record), so that search can show it.
-- NULL release date: public (records written before embargoes existed).
ALTER TABLE catalogue_entry ADD COLUMN release_date TIMESTAMP(6) WITH TIME ZONE;
ALTER TABLE catalogue_entry ADD COLUMN access_group VARCHAR(100);
-- The catalogue is derived data: version 0 (no AIP has it) makes the start-up reconciliation
-- re-derive every row and its search document from the stored AIP, which fills the new columns
-- and indexes the text again with the analyzers of this release.
UPDATE catalogue_entry SET version = 0;
