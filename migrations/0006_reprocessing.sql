-- Reprocessing of failed executions, imports of outside runs, and the life of stored inputs (issue 9).
--   executions.made_because   why the attempt was made: 'first submission', the reason its submission
--                             was made pending again (a run proven never created, an operator's
--                             decision, a reprocess run, ...). `eigenpal show` lists the chain with it.
--   submissions.origin        'intake' (recorded by `eigenpal submit` or the API) or 'import' (an
--                             execution started outside the worker and adopted by `eigenpal import`).
--   submissions.inputs_missing
--                             why this submission's inputs cannot be sent again (an imported run whose
--                             files were never stored here); NULL when they can. Purged files are told
--                             by submission_files.purged_at instead.
--   reprocess_runs            one row per reprocess run (the recurring job, the dashboard's trigger, the
--                             command): what it selected, what it resubmitted and why it skipped the
--                             rest. A run that died half-way keeps finished_at NULL; the next run takes
--                             what it left, because each resubmission is a guarded move of its own.
ALTER TABLE eigenpal.executions
    ADD COLUMN made_because text;

ALTER TABLE eigenpal.submissions
    ADD COLUMN origin         text NOT NULL DEFAULT 'intake' CHECK (origin IN ('intake', 'import')),
    ADD COLUMN inputs_missing text;

CREATE TABLE eigenpal.reprocess_runs (
    id           uuid        PRIMARY KEY,
    trigger      text        NOT NULL CHECK (trigger IN ('schedule', 'dashboard', 'command')),
    started_at   timestamptz NOT NULL DEFAULT now(),
    finished_at  timestamptz,
    -- The selection as asked (workflow, batch, since, max attempts, cap), as JSON.
    selection    jsonb       NOT NULL DEFAULT '{}'::jsonb,
    qualified    integer     NOT NULL DEFAULT 0,
    resubmitted  integer     NOT NULL DEFAULT 0,
    -- Skipped candidates by reason: {"not retryable": 3, "max attempts": 1, "over the cap": 2000, ...}.
    skipped      jsonb       NOT NULL DEFAULT '{}'::jsonb,
    -- Why the run ended early, when it did (the database went away, the worker stopped).
    error        text
);
CREATE INDEX reprocess_runs_started ON eigenpal.reprocess_runs (started_at DESC);

-- The reprocess selection reads failed submissions by age; the purge reads stored bytes by age.
CREATE INDEX submission_files_stored ON eigenpal.submission_files (submission_id) WHERE content IS NOT NULL;
