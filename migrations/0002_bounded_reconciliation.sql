-- Reconciliation without trusting the echo (see DESIGN.md, "Reconciling a lost run"):
-- every attempt records the window, on the API's clock, in which its run can have been created,
-- and the time by which its request is certainly over; a submission counts its failures before
-- a request ever left, so that such a loop ends; an undetermined attempt names its candidates.

ALTER TABLE eigenpal.executions
    -- [window_from, window_to]: the API's createdAt of this attempt's run, if it exists, lies in
    -- here. Computed when the request left, from the measured offset of the API's clock.
    ADD COLUMN window_from        timestamptz,
    ADD COLUMN window_to          timestamptz,
    -- Database clock: after this the request is over (answered, timed out or cut by a crash).
    ADD COLUMN deadline_at        timestamptz,
    -- Reconciliation passes that could not finish (listing failed or incomplete); they back off.
    ADD COLUMN reconcile_failures integer NOT NULL DEFAULT 0,
    -- The executions an undetermined attempt may be (for the operator who settles it).
    ADD COLUMN candidates         text[];

ALTER TABLE eigenpal.submissions
    -- Consecutive failures of the same kind before a run request left (a database blip in the
    -- rate limiter, content that cannot be encoded); after too many the submission ends in error.
    ADD COLUMN send_failures      integer NOT NULL DEFAULT 0,
    ADD COLUMN last_send_failure  text;

-- Attempts whose run may exist remotely without its id being recorded: reconciliation of one of
-- them must know every other such attempt of the workflow, since any of them may own a candidate.
CREATE INDEX executions_unresolved ON eigenpal.executions (workflow, window_from)
    WHERE remote_id IS NULL AND status IN ('sending', 'undetermined');
