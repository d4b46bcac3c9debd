-- The hot queries at one million rows, each run inside a rolled-back transaction.
BEGIN;
\echo '1. The poller claims due executions (FOR UPDATE SKIP LOCKED) and leases them.'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
WITH due AS (SELECT id FROM eigenpal.executions WHERE next_poll_at <= now() + interval '30 seconds'
             ORDER BY next_poll_at LIMIT 200 FOR UPDATE SKIP LOCKED)
UPDATE eigenpal.executions e SET next_poll_at = now() + interval '2 minutes' FROM due WHERE e.id = due.id;
ROLLBACK;
BEGIN;
\echo '2. The relay claims waiting submissions.'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
WITH ready AS (SELECT id FROM eigenpal.submissions WHERE state IN ('pending', 'sending') AND relay_at <= now()
               ORDER BY relay_at LIMIT 1000 FOR UPDATE SKIP LOCKED)
UPDATE eigenpal.submissions s SET enqueued_at = now(), relay_at = now() + interval '2 minutes' FROM ready WHERE s.id = ready.id;
ROLLBACK;
\echo '3. Dashboard: counts per state of one batch.'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT state, count(*) FROM eigenpal.submissions WHERE batch_id = md5('batch500')::uuid GROUP BY state;
\echo '4. Dashboard: what is unfinished, per workflow and state.'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT workflow, state, count(*) FROM eigenpal.submissions WHERE state IN ('pending', 'sending', 'running', 'undetermined') GROUP BY workflow, state;
\echo '5. Dashboard: failures of the last day, newest first.'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT id, source_name, state_reason FROM eigenpal.submissions WHERE state IN ('failed', 'rejected', 'error') AND updated_at >= now() - interval '1 day'
ORDER BY updated_at DESC LIMIT 50;
\echo '6. Dashboard: counts per workflow and state over everything (a full pass, for comparison).'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT workflow, state, count(*) FROM eigenpal.submissions GROUP BY workflow, state;
