-- The next delivery of an ordered subject is its pending one with the lowest event sequence: it
-- is looked for each time a delivery of the subject ends, and each due delivery a claim
-- considers is checked for an earlier one. On (ordering_key, status) both read, and the first
-- also sorted, every pending delivery of the subject, so draining a subject's backlog (an
-- endpoint that was down; a backfill queues up to 10,000 under one key) read the backlog once
-- for each delivery in it. In sequence order, each reads the subject's first pending rows only.
-- The new index serves what the old one did (its first two columns); it is built before the
-- old one is dropped (on PostgreSQL a drop locks the table against reads until the commit).
CREATE INDEX ix_deliveries_ordering_sequence ON deliveries (ordering_key, status, event_sequence, id);
DROP INDEX ix_deliveries_ordering;
