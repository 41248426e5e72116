-- V15 let a token act as anyone of up to 100 characters (an e-mail address, a login) and widened
-- the actor columns it added, but not the approvals' two from V7: an actor of 41 characters or
-- more could neither request nor decide an approval (the database refused the row: a 500).
ALTER TABLE approvals ALTER COLUMN requested_by SET DATA TYPE VARCHAR(100);
ALTER TABLE approvals ALTER COLUMN decided_by SET DATA TYPE VARCHAR(100);
