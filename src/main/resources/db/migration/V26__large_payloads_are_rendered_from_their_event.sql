-- A delivery kept a copy of its payload, so a 1 MiB event to 32 subscriptions wrote 32 MiB in
-- its publish's transaction (on H2 with the README's heap, enough to run it out and fail the
-- store for every tenant), and to a tenant's thousands of subscriptions, gigabytes. A payload
-- over 64 Ki characters, or past the first 1 Mi characters a transaction copies, is now
-- rendered from the event whenever it is sent or shown, in the form the subscription presented
-- it in when the delivery was made (payload_form).
ALTER TABLE deliveries ALTER COLUMN payload DROP NOT NULL;
ALTER TABLE deliveries ADD COLUMN payload_form VARCHAR(10);
-- Instances that render such payloads say so; while one that does not is alive (a rolling
-- upgrade), every payload is copied as before.
ALTER TABLE instances ADD COLUMN renders_payloads BOOLEAN;
