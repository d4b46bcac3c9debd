-- Polls that fail back off per execution, and an execution the API keeps answering 404 for ends.
--   poll_failures    consecutive failed polls (5xx, timeout, no connection, 404); the next poll is
--                    delayed by MinInterval × 2^poll_failures (up to MaxInterval). A successful
--                    poll (get or list) resets it. A 429 is not counted: the whole fleet pauses.
--   last_poll_error  what the last failed poll answered; cleared by a successful poll.
--   not_found_since  when a get first answered 404 in the current run of 404s; cleared by any
--                    successful poll. After Polling:NotFoundTimeout of 404s the attempt ends
--                    'vanished'. The list call never sets it: not being listed proves nothing.
ALTER TABLE eigenpal.executions
    ADD COLUMN poll_failures   integer NOT NULL DEFAULT 0,
    ADD COLUMN last_poll_error text,
    ADD COLUMN not_found_since timestamptz;
