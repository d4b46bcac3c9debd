-- :n submissions (psql -v n=1000000) in the mix a long-lived deployment has, spread over 14 days and
-- :n / 500 batches (2,000 at a million), each batch one of four workflows: mostly completed, ~5.9 %
-- failed (the 58,598 failures of the reprocessing figures at a million) with categories, retryable flags
-- and error texts, some rejected, cancelled, in error or undetermined, the newest ~2 % still in flight.
-- Failed submissions that were reprocessed have earlier failed attempts. Each attempt has its history
-- (status_changes), each submission of a document workflow its file (bytes purged after 7 days, as the
-- retention does). Waiting and running rows are due in a day, so that the worker the harness starts
-- measures the dashboard rather than sending and polling the seeded history.
\set batches (:n / 500)
INSERT INTO eigenpal.batches (id, name, workflow, created_at)
SELECT md5('batch' || b)::uuid, 'batch-' || b,
       (ARRAY['extract-invoice', 'extract-invoice', 'extract-invoice', 'classify-text', 'extract-receipt', 'summarize-contract'])[1 + b % 6],
       now() - interval '14 days' + (b - 1) * (interval '14 days' / :batches)
FROM generate_series(1, :batches) b;

CREATE TEMP TABLE seed AS
SELECT i, md5('sub' || i)::uuid AS id, 1 + (i - 1) / (:n / :batches) AS b,
       now() - (:n - i) * (interval '14 days' / :n) AS at,
       abs(hashtext('r' || i)) % 10000 AS r
FROM generate_series(1, :n) i;

INSERT INTO eigenpal.submissions (id, workflow, idempotency_key, batch_id, source_name, state, state_reason, attempt, origin, inputs_missing,
                                  created_at, updated_at, not_before, relay_at)
SELECT s.id, b.workflow, 'key-' || s.i, b.id, 'doc-' || s.i || '.pdf', st.state,
       CASE st.state WHEN 'error' THEN 'the workflow does not accept this input'
                     WHEN 'undetermined' THEN 'a run may exist: 2 candidates'
                     WHEN 'cancelled' THEN 'cancelled before it was sent' END,
       CASE WHEN st.state IN ('pending', 'error') THEN 0 WHEN st.state = 'failed' THEN 1 + s.r % 3 ELSE 1 END,
       CASE WHEN s.r % 200 = 7 THEN 'import' ELSE 'intake' END,
       CASE WHEN s.r % 200 = 7 THEN 'imported: the run''s inputs were never stored here' END,
       s.at, s.at + interval '9 seconds', s.at,
       CASE WHEN st.state = 'pending' THEN now() + interval '1 day' ELSE s.at END
FROM seed s
JOIN eigenpal.batches b ON b.id = md5('batch' || s.b)::uuid
CROSS JOIN LATERAL (SELECT CASE
    WHEN s.i > :n * 0.995 AND s.r % 3 = 0 THEN 'pending'
    WHEN s.i > :n * 0.98 THEN 'running'
    WHEN s.r < 586 THEN 'failed'
    WHEN s.r < 686 THEN 'rejected'
    WHEN s.r < 716 THEN 'cancelled'
    WHEN s.r < 736 THEN 'error'
    WHEN s.r = 736 THEN 'undetermined'
    ELSE 'completed' END AS state) st;

-- The latest attempt of every submission that was sent, and the failed attempts before it.
INSERT INTO eigenpal.executions (id, submission_id, attempt, workflow, remote_id, status, sent_at, remote_created_at, started_at, completed_at,
                                 result, error, failure_category, retryable, request_id, next_poll_at, surface, made_because)
SELECT md5('exec' || s.id || a)::uuid, s.id, a, s.workflow, 'exec_' || md5(s.id::text || a),
       CASE WHEN a < s.attempt THEN 'failed' ELSE s.state END,
       s.created_at + (a - 1) * interval '1 hour', s.created_at + (a - 1) * interval '1 hour', s.created_at + (a - 1) * interval '1 hour' + interval '1 second',
       CASE WHEN a < s.attempt OR s.state NOT IN ('running', 'undetermined')
            THEN s.created_at + (a - 1) * interval '1 hour' + (2 + abs(hashtext(s.id::text)) % 40) * interval '1 second' END,
       CASE WHEN a = s.attempt AND s.state = 'completed' THEN jsonb_build_object('invoiceNumber', s.source_name, 'total', 100.5, 'currency', 'EUR') END,
       CASE WHEN a < s.attempt OR s.state = 'failed' THEN
           (ARRAY['The model provider did not answer in time.', 'OCR failed: page ' || (1 + abs(hashtext(s.id::text)) % 7) || ' unreadable',
                  'Document is password protected', 'Rate limited by the model provider', 'Schema validation failed: total is missing'])[1 + abs(hashtext(s.id::text || a)) % 5]
            WHEN s.state = 'rejected' THEN 'not an invoice' END,
       CASE WHEN a < s.attempt OR s.state = 'failed' THEN (ARRAY['runtime', 'input', 'provider', 'timeout'])[1 + abs(hashtext(s.id::text || a)) % 4] END,
       CASE WHEN a < s.attempt OR s.state = 'failed' THEN (ARRAY[true, false, NULL])[1 + abs(hashtext(s.id::text || 'r')) % 3] END,
       'req_' || left(md5(s.id::text || a), 16),
       CASE WHEN a = s.attempt AND s.state = 'running' THEN now() + interval '1 day' END,
       CASE WHEN abs(hashtext(s.id::text)) % 4 = 0 THEN 'v1' ELSE 'legacy' END,
       CASE WHEN a = 1 THEN 'first submission' ELSE 'reprocess run: attempt ' || (a - 1) || ' failed' END
FROM eigenpal.submissions s CROSS JOIN LATERAL generate_series(1, s.attempt) a
WHERE s.state NOT IN ('pending', 'error');

INSERT INTO eigenpal.status_changes (execution_id, from_status, to_status, changed_at, observed_by, detail)
SELECT e.id, change.from_status, change.to_status, change.at, 'worker-1', NULL
FROM eigenpal.executions e
CROSS JOIN LATERAL (VALUES ('sending', 'running', e.started_at), ('running', e.status, e.completed_at)) AS change(from_status, to_status, at)
WHERE change.at IS NOT NULL AND change.to_status <> change.from_status;

-- One file per submission of a document workflow; the retention purged the bytes of those older than 7 days.
INSERT INTO eigenpal.submission_files (submission_id, input_name, file_name, content_type, size_bytes, sha256, content, purged_at)
SELECT s.id, 'contract_document', s.source_name, 'application/pdf', 36000 + abs(hashtext(s.id::text)) % 4000, md5(s.id::text) || md5(s.source_name),
       CASE WHEN s.created_at >= now() - interval '7 days' THEN '\x255044462d312e37'::bytea END,
       CASE WHEN s.created_at < now() - interval '7 days' THEN s.created_at + interval '7 days' END
FROM eigenpal.submissions s WHERE s.workflow <> 'classify-text' AND s.origin = 'intake';

INSERT INTO eigenpal.reprocess_runs (id, trigger, started_at, finished_at, qualified, resubmitted, skipped)
SELECT md5('run' || d)::uuid, 'schedule', now() - d * interval '1 day', now() - d * interval '1 day' + interval '20 seconds', 1200, 1000,
       '{"not retryable": 3100, "max attempts": 800, "over the cap": 200}'::jsonb
FROM generate_series(1, 14) d;

VACUUM ANALYZE;
