-- An attempt's request body is always its delivery's payload: keep it once, on the delivery.
ALTER TABLE delivery_attempts DROP COLUMN request_body;
-- The URL of every redirect hop an attempt followed, as a JSON array; NULL when it followed none.
ALTER TABLE delivery_attempts ADD COLUMN redirects VARCHAR;
