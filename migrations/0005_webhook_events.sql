-- Webhooks as hints (issue 8): the events the worker accepted from the service's webhook
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
