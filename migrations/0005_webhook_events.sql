-- Webhooks as hints (issue 8). First, the events the worker accepted from the service's webhook
-- endpoint, by event id (the signed `webhook-id` header), so that a repeated delivery of one event
-- changes nothing. An event never writes a state: it only makes the poller look at its run now.
--   event_id     the Standard Webhooks message id (`whev_…` on the service)
--   event_type   `run.created`, `run.status_changed`, or a type this worker does not act on
--   run_id       the run the event names (data.run.id), when it names one
--   received_at  when it was accepted; rows older than Eigenpal:Webhooks:RetainEventsFor are purged.
--                Retention is far longer than the signature tolerance (at most 5 min), so a replay
--                is either still remembered here or refused as stale.
CREATE TABLE eigenpal.webhook_events (
    event_id    text        PRIMARY KEY,
    event_type  text        NOT NULL,
    run_id      text,
    received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhook_events_received ON eigenpal.webhook_events (received_at);

-- Second, the hint itself: executions.hint_due_at is set to now() by an accepted event about a run
-- still polled. The poller claims hinted rows first, even leased ones, and clears the hint when it
-- claims; no poll's reschedule (next_poll_at) overwrites it, so an event that arrives while its run
-- is being polled is still acted on. It is never a state: statuses are only recorded from polls.
ALTER TABLE eigenpal.executions ADD COLUMN hint_due_at timestamptz;
CREATE INDEX executions_hinted ON eigenpal.executions (hint_due_at) WHERE hint_due_at IS NOT NULL;
