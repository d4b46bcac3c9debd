-- The tracking schema: Postgres is the source of truth for every submission and every
-- remote execution. Hangfire keeps its own schema (hangfire); nothing here refers to it.

CREATE SCHEMA IF NOT EXISTS eigenpal;

-- A batch groups the submissions recorded together (a folder, a manifest, an API call).
CREATE TABLE eigenpal.batches (
    id          uuid        PRIMARY KEY,
    name        text,
    workflow    text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- One row per document (or input set) to run through a workflow. The idempotency key makes
-- re-recording the same thing a no-op. state mirrors the latest attempt, see SubmissionState.
CREATE TABLE eigenpal.submissions (
    id               uuid        PRIMARY KEY,
    workflow         text        NOT NULL,
    version          text,
    idempotency_key  text        NOT NULL,
    batch_id         uuid        REFERENCES eigenpal.batches (id),
    source_name      text,
    input            jsonb       NOT NULL DEFAULT '{}'::jsonb,
    state            text        NOT NULL,
    state_reason     text,
    attempt          integer     NOT NULL DEFAULT 0,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    -- When the submission may be (re)tried (after a 429 or a transient failure).
    not_before       timestamptz NOT NULL DEFAULT now(),
    -- Relay bookkeeping: when a job was last enqueued for it, and when the relay should look at
    -- it again if it is still waiting then (its job lost with a dead worker, its sender dead).
    enqueued_at      timestamptz,
    relay_at         timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT submissions_idempotency UNIQUE (workflow, idempotency_key)
);

-- The relay's "what needs a job" query touches only the rows waiting to be sent (or whose
-- sender may have died mid-send).
CREATE INDEX submissions_waiting ON eigenpal.submissions (relay_at)
    WHERE state IN ('pending', 'sending');
CREATE INDEX submissions_batch_state ON eigenpal.submissions (batch_id, state);
CREATE INDEX submissions_workflow_state ON eigenpal.submissions (workflow, state);
CREATE INDEX submissions_state_updated ON eigenpal.submissions (state, updated_at);

-- The input files' bytes, so that any worker on any machine can (re)submit the submission.
CREATE TABLE eigenpal.submission_files (
    submission_id  uuid    NOT NULL REFERENCES eigenpal.submissions (id) ON DELETE CASCADE,
    input_name     text    NOT NULL,
    file_name      text    NOT NULL,
    content_type   text    NOT NULL,
    size_bytes     bigint  NOT NULL,
    sha256         text    NOT NULL,
    content        bytea   NOT NULL,
    PRIMARY KEY (submission_id, input_name)
);

-- One row per attempt to run a submission remotely. The row is written (status 'sending')
-- before the run request leaves, so a crash between the API accepting the run and the
-- commit of its id is visible afterwards and reconciled, never resent blindly.
CREATE TABLE eigenpal.executions (
    id                   uuid        PRIMARY KEY,
    submission_id        uuid        NOT NULL REFERENCES eigenpal.submissions (id),
    attempt              integer     NOT NULL,
    workflow             text        NOT NULL,
    remote_id            text        UNIQUE,
    status               text        NOT NULL,
    sent_at              timestamptz NOT NULL,
    -- When reconciliation of a lost response began: by then the sender had finished or died,
    -- so no request of this attempt can leave later; the settle time is counted from here.
    reconcile_since      timestamptz,
    remote_created_at    timestamptz,
    started_at           timestamptz,
    completed_at         timestamptz,
    result               jsonb,
    error                text,
    failure_category     text,
    retryable            boolean,
    request_id           text,
    next_poll_at         timestamptz,
    last_polled_at       timestamptz,
    poll_count           integer     NOT NULL DEFAULT 0,
    cancel_requested_at  timestamptz,
    cancel_outcome       text,
    previous_execution_id uuid       REFERENCES eigenpal.executions (id),
    last_polled_by       text,
    updated_at           timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT executions_attempt UNIQUE (submission_id, attempt)
);

-- The poller's "what is due" query: only non-terminal executions with a remote id are indexed.
CREATE INDEX executions_due ON eigenpal.executions (next_poll_at)
    WHERE next_poll_at IS NOT NULL;
-- Attempts whose send may have happened but whose id was never committed.
CREATE INDEX executions_sending ON eigenpal.executions (sent_at)
    WHERE status = 'sending';
CREATE INDEX executions_workflow_status ON eigenpal.executions (workflow, status);
CREATE INDEX executions_completed_at ON eigenpal.executions (completed_at)
    WHERE completed_at IS NOT NULL;

-- Every status change we observed, with the time we observed it.
CREATE TABLE eigenpal.status_changes (
    id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    execution_id  uuid        NOT NULL REFERENCES eigenpal.executions (id),
    from_status   text,
    to_status     text        NOT NULL,
    changed_at    timestamptz NOT NULL DEFAULT now(),
    observed_by   text,
    detail        text
);
CREATE INDEX status_changes_execution ON eigenpal.status_changes (execution_id, id);

-- The fleet-wide API rate limit (a generic cell rate algorithm over one row) and the pause
-- that a 429 Retry-After imposes on every worker. The database clock is the shared clock.
CREATE TABLE eigenpal.api_rate_limit (
    name          text        PRIMARY KEY,
    tat           timestamptz NOT NULL DEFAULT '-infinity',
    paused_until  timestamptz NOT NULL DEFAULT '-infinity'
);
INSERT INTO eigenpal.api_rate_limit (name) VALUES ('default');
