-- Two API surfaces (issue 8): the legacy workflows routes and the v1 runs routes.
--   executions.surface          the surface the attempt's run request was sent on ('legacy' or
--                               'v1'); its reconciliation, polling and cancel use the same one,
--                               whatever the worker is configured to send new attempts on.
--   submission_files.remote_file_id / remote_file_uploaded_at
--                               on v1 a submission's file is uploaded once (with an idempotency key
--                               derived from the submission and the file's hash) and every attempt
--                               starts with {"$fileId": ...}; a run-input file lives 24 h on the
--                               service, so an older upload is made again before it is reused.
--   executions.rerun_of         set for an attempt made by a v1 rerun of an earlier attempt's run
--                               (its files no longer stored here): the run it reruns, which the new
--                               run's execution.retry.previousRunId names, so a lost rerun answer is
--                               settled by that link.
--   submission_files.content    may be NULL once the bytes are purged (issue 9); the row, the hash
--   / purged_at                 and the size stay, so the file can still be recognised.
--   sweep_marks                 where the v1 sweep of runs that completed (completedAfter) got to,
--                               per workflow; one worker sweeps a workflow at a time (row lock).
ALTER TABLE eigenpal.executions
    ADD COLUMN surface  text NOT NULL DEFAULT 'legacy' CHECK (surface IN ('legacy', 'v1')),
    ADD COLUMN rerun_of text;

ALTER TABLE eigenpal.submission_files
    ADD COLUMN remote_file_id          text,
    ADD COLUMN remote_file_uploaded_at timestamptz,
    ADD COLUMN purged_at               timestamptz,
    ALTER COLUMN content DROP NOT NULL;

CREATE TABLE eigenpal.sweep_marks (
    workflow    text PRIMARY KEY,
    swept_until timestamptz NOT NULL,
    swept_at    timestamptz NOT NULL DEFAULT now()
);
