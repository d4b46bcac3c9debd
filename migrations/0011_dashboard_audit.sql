-- The dashboard's audit trail (issue 10): one row per action an operator took in the browser
-- (cancel a submission or a batch, resubmit now, settle an undetermined submission, trigger a
-- reprocess run), whatever its outcome, so "who did this, from where, when" has one answer.
--   actor        the authenticated name, or 'local' for an unauthenticated request from this machine
--   remote_ip    where the request came from (after forwarded headers from trusted proxies)
--   action       cancel-submission, cancel-batch, resubmit, settle, trigger-reprocess
--   target_kind  submission, batch or reprocess; target_id the submission or batch id
--   outcome      what the door answered (cancelled, refused, ...); detail says why, in words
-- Rows are only ever inserted. An audit row survives the submission it names (no foreign key):
-- the trail must outlast a purge of the data it talks about.
CREATE TABLE eigenpal.dashboard_audit (
    id           uuid        PRIMARY KEY,
    at           timestamptz NOT NULL DEFAULT now(),
    actor        text        NOT NULL,
    remote_ip    text,
    action       text        NOT NULL,
    target_kind  text        NOT NULL CHECK (target_kind IN ('submission', 'batch', 'reprocess')),
    target_id    uuid,
    outcome      text        NOT NULL,
    detail       text
);
CREATE INDEX dashboard_audit_target ON eigenpal.dashboard_audit (target_id, at DESC);
CREATE INDEX dashboard_audit_at ON eigenpal.dashboard_audit (at DESC);
