-- Observability (issue 10): the trace context of each submission, and read-only views for
-- Grafana, Metabase or psql, so the numbers of the dashboard and /metrics can be charted straight
-- from PostgreSQL. The views only read; filter them in the query (WHERE minute > now() - interval
-- '6 hours', WHERE age > interval '30 minutes') rather than copying their SQL.
--
--   submissions.trace_parent
--        the W3C traceparent of the submission's intake span, stored only when the recording process
--        was traced (OTLP configured), so that its send and polls, made later by other jobs and other
--        processes, continue one trace per submission. NULL otherwise.

ALTER TABLE eigenpal.submissions ADD COLUMN trace_parent text;

-- Submissions per workflow and state (the gauge eigenpal.submissions of /metrics).
CREATE VIEW eigenpal.v_submission_totals AS
SELECT workflow, state, count(*) AS submissions
FROM eigenpal.submissions
GROUP BY workflow, state;

-- One row per batch: its size, how many are final, and of those how many completed or did not.
CREATE VIEW eigenpal.v_batch_progress AS
SELECT b.id AS batch_id,
       b.name AS batch_name,
       b.workflow,
       b.created_at,
       count(s.id) AS submissions,
       count(s.id) FILTER (WHERE s.state IN ('completed', 'failed', 'cancelled', 'rejected', 'error', 'undetermined', 'vanished')) AS final,
       count(s.id) FILTER (WHERE s.state = 'completed') AS completed,
       count(s.id) FILTER (WHERE s.state IN ('failed', 'rejected', 'error', 'vanished')) AS unsuccessful,
       count(s.id) FILTER (WHERE s.state = 'undetermined') AS undetermined,
       count(s.id) FILTER (WHERE s.state IN ('pending', 'sending', 'running')) AS in_flight,
       max(s.updated_at) FILTER (WHERE s.state IN ('completed', 'failed', 'cancelled', 'rejected', 'error', 'undetermined', 'vanished')) AS last_finished_at
FROM eigenpal.batches b
LEFT JOIN eigenpal.submissions s ON s.batch_id = b.id
GROUP BY b.id, b.name, b.workflow, b.created_at;

-- Per minute: submissions recorded, and submissions that reached a final state (by the time the
-- row became final). Minutes with neither are absent.
CREATE VIEW eigenpal.v_throughput_per_minute AS
SELECT minute, sum(submitted)::bigint AS submitted, sum(finished)::bigint AS finished
FROM (
    SELECT date_trunc('minute', created_at) AS minute, 1 AS submitted, 0 AS finished
    FROM eigenpal.submissions
    UNION ALL
    SELECT date_trunc('minute', updated_at), 0, 1
    FROM eigenpal.submissions
    WHERE state IN ('completed', 'failed', 'cancelled', 'rejected', 'error', 'undetermined', 'vanished')
) events
GROUP BY minute;

-- Run durations per workflow, from the moment the run request left to the run's end as the API
-- reported it, over attempts that completed.
CREATE VIEW eigenpal.v_duration_percentiles AS
SELECT workflow,
       count(*) AS runs,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM completed_at - sent_at)) AS p50_seconds,
       percentile_cont(0.95) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM completed_at - sent_at)) AS p95_seconds,
       percentile_cont(0.99) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM completed_at - sent_at)) AS p99_seconds
FROM eigenpal.executions
WHERE status = 'completed' AND completed_at IS NOT NULL
GROUP BY workflow;

-- Why submissions did not complete, with counts: their final state and reason (the reason as
-- recorded, which names the API's error, never a key or an input value).
CREATE VIEW eigenpal.v_failure_reasons AS
SELECT workflow, state, COALESCE(state_reason, '(no reason recorded)') AS reason, count(*) AS submissions,
       max(updated_at) AS last_seen_at
FROM eigenpal.submissions
WHERE state IN ('failed', 'rejected', 'error', 'vanished', 'undetermined')
GROUP BY workflow, state, COALESCE(state_reason, '(no reason recorded)');

-- Work not final yet, with how long it has been in its state: stuck work is what a query keeps
-- with WHERE age > the age it finds too long.
CREATE VIEW eigenpal.v_stuck_work AS
SELECT id AS submission_id, workflow, batch_id, state, state_reason, attempt, updated_at AS since, now() - updated_at AS age
FROM eigenpal.submissions
WHERE state IN ('pending', 'sending', 'running');
