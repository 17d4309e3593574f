-- Catalogue: the AIP version whose provenance graph was last written to the graph store, set after
-- the graph store's transaction committed. NULL (rows written before this column, or a crash
-- between the two commits) makes the reconciliation write the product's graph again.
ALTER TABLE catalogue_entry ADD COLUMN graph_version INTEGER;
