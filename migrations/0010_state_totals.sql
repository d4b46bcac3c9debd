-- Exact totals of submissions per workflow and state, and per batch and state, without counting a
-- million rows on every dashboard request (issue 10). Kept in the same transaction as every change:
--   submission_state_deltas     append-only: +1 / -1 per (workflow, batch, state) for each row that enters
--                               or leaves a state, written by triggers on eigenpal.submissions. Writers only
--                               ever append, so concurrent changes never wait on a shared counter row.
--   submission_totals_workflow  folded totals per (workflow, state)
--   submission_totals_batch     folded totals per (batch, state), for submissions that have a batch
-- The worker folds the deltas into the totals now and then, in one transaction (Insights.SubmissionTotals
-- .FoldAsync). A read is folded totals + the sum of the deltas not folded yet, in one statement (one
-- snapshot), so it is exact at every moment, before, during and after a fold.
-- Triggers rather than code in the store: intake, import, cancel, reprocessing and operators' SQL all
-- insert or move rows, and a trigger is the one place none of them can forget.

-- No index: writers only append, and a fold takes every row it can see.
CREATE TABLE eigenpal.submission_state_deltas (
    workflow  text    NOT NULL,
    batch_id  uuid,
    state     text    NOT NULL,
    delta     bigint  NOT NULL
);

CREATE TABLE eigenpal.submission_totals_workflow (
    workflow  text    NOT NULL,
    state     text    NOT NULL,
    count     bigint  NOT NULL,
    PRIMARY KEY (workflow, state)
);

CREATE TABLE eigenpal.submission_totals_batch (
    batch_id  uuid    NOT NULL,
    state     text    NOT NULL,
    count     bigint  NOT NULL,
    PRIMARY KEY (batch_id, state)
);

-- Rows recorded (one statement may record many: counted per group, not per row).
CREATE FUNCTION eigenpal.submission_state_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO eigenpal.submission_state_deltas (workflow, batch_id, state, delta)
    SELECT workflow, batch_id, state, count(*) FROM inserted GROUP BY workflow, batch_id, state;
    RETURN NULL;
END $$;

CREATE FUNCTION eigenpal.submission_state_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO eigenpal.submission_state_deltas (workflow, batch_id, state, delta)
    SELECT workflow, batch_id, state, -count(*) FROM deleted GROUP BY workflow, batch_id, state;
    RETURN NULL;
END $$;

-- One row moved: it leaves its old (workflow, batch, state) and enters its new one.
CREATE FUNCTION eigenpal.submission_state_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO eigenpal.submission_state_deltas (workflow, batch_id, state, delta)
    VALUES (OLD.workflow, OLD.batch_id, OLD.state, -1), (NEW.workflow, NEW.batch_id, NEW.state, 1);
    RETURN NULL;
END $$;

-- TRUNCATE fires no row triggers: everything counted is gone with it.
CREATE FUNCTION eigenpal.submission_state_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM eigenpal.submission_state_deltas;
    DELETE FROM eigenpal.submission_totals_workflow;
    DELETE FROM eigenpal.submission_totals_batch;
    RETURN NULL;
END $$;

-- Writers are held off until this migration commits, so the backfill below counts exactly the rows
-- the triggers will not.
LOCK TABLE eigenpal.submissions IN SHARE ROW EXCLUSIVE MODE;

CREATE TRIGGER submission_state_inserted AFTER INSERT ON eigenpal.submissions
    REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION eigenpal.submission_state_inserted();
CREATE TRIGGER submission_state_deleted AFTER DELETE ON eigenpal.submissions
    REFERENCING OLD TABLE AS deleted FOR EACH STATEMENT EXECUTE FUNCTION eigenpal.submission_state_deleted();
-- Row level with a WHEN: updates that leave the state alone (the relay's bookkeeping) cost nothing.
CREATE TRIGGER submission_state_moved AFTER UPDATE OF state, workflow, batch_id ON eigenpal.submissions
    FOR EACH ROW WHEN (OLD.state IS DISTINCT FROM NEW.state OR OLD.workflow IS DISTINCT FROM NEW.workflow OR OLD.batch_id IS DISTINCT FROM NEW.batch_id)
    EXECUTE FUNCTION eigenpal.submission_state_moved();
CREATE TRIGGER submission_state_truncated AFTER TRUNCATE ON eigenpal.submissions
    FOR EACH STATEMENT EXECUTE FUNCTION eigenpal.submission_state_truncated();

INSERT INTO eigenpal.submission_totals_workflow (workflow, state, count)
SELECT workflow, state, count(*) FROM eigenpal.submissions GROUP BY workflow, state;
INSERT INTO eigenpal.submission_totals_batch (batch_id, state, count)
SELECT batch_id, state, count(*) FROM eigenpal.submissions WHERE batch_id IS NOT NULL GROUP BY batch_id, state;
