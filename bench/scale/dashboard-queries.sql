-- The dashboard's queries (issue 10) over the bench/scale data set (1,000,000 submissions), as the Core query
-- classes send them (parameters written as literals). Run after bench/scale/seed.sql on a database migrated to 0009:
--   psql -X -f bench/scale/dashboard-queries.sql | grep -E '^[0-9]+\. |Execution Time'
\echo 1. list page, no filter
EXPLAIN (ANALYZE, BUFFERS off) SELECT s.id, s.batch_id, s.workflow, s.source_name, s.state, s.state_reason, s.attempt, e.remote_id, s.created_at, s.updated_at, e.error, e.failure_category, e.request_id
FROM (SELECT p.* FROM unnest(ARRAY['pending','sending','running','completed','failed','cancelled','rejected','error','undetermined','vanished']::text[]) AS st(state)
  CROSS JOIN LATERAL (SELECT s.id, s.batch_id, s.workflow, s.source_name, s.state, s.state_reason, s.attempt, s.created_at, s.updated_at FROM eigenpal.submissions s
     WHERE s.state = st.state ORDER BY s.updated_at DESC, s.id DESC LIMIT 51) p ORDER BY p.updated_at DESC, p.id DESC LIMIT 51) s
LEFT JOIN eigenpal.executions e ON e.submission_id = s.id AND e.attempt = s.attempt ORDER BY s.updated_at DESC, s.id DESC;
\echo 2. list page, failed, workflow, deep cursor
EXPLAIN (ANALYZE) SELECT s.id, e.error
FROM (SELECT p.* FROM unnest(ARRAY['failed','rejected']::text[]) AS st(state)
  CROSS JOIN LATERAL (SELECT s.id, s.batch_id, s.workflow, s.source_name, s.state, s.state_reason, s.attempt, s.created_at, s.updated_at FROM eigenpal.submissions s
     WHERE s.state = st.state AND s.workflow = 'classify-text' AND (s.updated_at, s.id) < (now() - interval '20 days', 'ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid) ORDER BY s.updated_at DESC, s.id DESC LIMIT 51) p ORDER BY p.updated_at DESC, p.id DESC LIMIT 51) s
LEFT JOIN eigenpal.executions e ON e.submission_id = s.id AND e.attempt = s.attempt ORDER BY s.updated_at DESC, s.id DESC;
\echo 3. list page, batch + since
EXPLAIN (ANALYZE) SELECT s.id
FROM (SELECT p.* FROM unnest(ARRAY['pending','sending','running','completed','failed','cancelled','rejected','error','undetermined','vanished']::text[]) AS st(state)
  CROSS JOIN LATERAL (SELECT s.id, s.batch_id, s.workflow, s.source_name, s.state, s.state_reason, s.attempt, s.created_at, s.updated_at FROM eigenpal.submissions s
     WHERE s.state = st.state AND s.batch_id = md5('batch500')::uuid AND s.updated_at >= now() - interval '600 hours' ORDER BY s.updated_at DESC, s.id DESC LIMIT 51) p ORDER BY p.updated_at DESC, p.id DESC LIMIT 51) s
LEFT JOIN eigenpal.executions e ON e.submission_id = s.id AND e.attempt = s.attempt ORDER BY s.updated_at DESC, s.id DESC;
\echo 4. stuck count running
EXPLAIN (ANALYZE) SELECT count(*) FROM (SELECT 1 FROM eigenpal.submissions s WHERE s.state = 'running' AND s.updated_at < now() - interval '30 minutes' LIMIT 10000) stuck;
\echo 5. stuck oldest running
EXPLAIN (ANALYZE) SELECT s.id FROM (SELECT s.id, s.attempt, s.updated_at FROM eigenpal.submissions s WHERE s.state = 'running' AND s.updated_at < now() - interval '30 minutes' ORDER BY s.updated_at, s.id LIMIT 5) s LEFT JOIN eigenpal.executions e ON e.submission_id = s.id AND e.attempt = s.attempt ORDER BY s.updated_at, s.id;
\echo 6. failure reasons 24h
EXPLAIN (ANALYZE) SELECT s.state, COALESCE(s.state_reason, '(no reason recorded)') AS reason, count(*) AS n FROM eigenpal.submissions s
WHERE s.state IN ('failed', 'rejected', 'error', 'undetermined', 'vanished') AND (NULL::text IS NULL OR s.batch_id = ANY (ARRAY(SELECT b.id FROM eigenpal.batches b WHERE b.id::text = NULL OR b.name = NULL))) AND (NULL::text IS NULL OR s.workflow = NULL)
  AND s.updated_at >= now() - interval '24 hours' GROUP BY s.state, reason ORDER BY n DESC, reason LIMIT 10;
\echo 7. failure reasons of a batch
EXPLAIN (ANALYZE) SELECT s.state, COALESCE(s.state_reason, '(no reason recorded)') AS reason, count(*) AS n FROM eigenpal.submissions s
WHERE s.state IN ('failed', 'rejected', 'error', 'undetermined', 'vanished') AND ('x'::text IS NULL OR s.batch_id = ANY (ARRAY(SELECT b.id FROM eigenpal.batches b WHERE b.id::text = md5('batch500')::uuid::text OR b.name = md5('batch500')::uuid::text))) AND (NULL::text IS NULL OR s.workflow = NULL)
  GROUP BY s.state, reason ORDER BY n DESC, reason LIMIT 20;
\echo 8. throughput
EXPLAIN (ANALYZE) SELECT m.minute, COALESCE(sub.n, 0), COALESCE(fin.n, 0)
FROM generate_series(date_trunc('minute', now() - make_interval(hours => 3)), date_trunc('minute', now()), interval '1 minute') AS m(minute)
LEFT JOIN (SELECT date_trunc('minute', s.created_at) AS minute, count(*) AS n FROM eigenpal.submissions s WHERE s.created_at >= date_trunc('minute', now() - make_interval(hours => 3)) GROUP BY 1) sub ON sub.minute = m.minute
LEFT JOIN (SELECT date_trunc('minute', e.completed_at) AS minute, count(*) AS n FROM eigenpal.executions e WHERE e.completed_at >= date_trunc('minute', now() - make_interval(hours => 3)) GROUP BY 1) fin ON fin.minute = m.minute
ORDER BY m.minute;
\echo 9. durations 3h
EXPLAIN (ANALYZE) SELECT d.workflow, count(*), percentile_cont(0.5) WITHIN GROUP (ORDER BY d.seconds), percentile_cont(0.95) WITHIN GROUP (ORDER BY d.seconds)
FROM (SELECT e.workflow, extract(epoch FROM e.completed_at - e.sent_at)::float8 AS seconds FROM eigenpal.executions e
      WHERE e.completed_at >= now() - make_interval(hours => 3) AND e.status = 'completed' ORDER BY e.completed_at DESC LIMIT 20000) d GROUP BY d.workflow ORDER BY d.workflow;
\echo 10. batches page + progress
EXPLAIN (ANALYZE) SELECT id, name, workflow, created_at FROM eigenpal.batches WHERE (created_at, id) < (now() - interval '500 hours', 'ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid) ORDER BY created_at DESC, id DESC LIMIT 26;
EXPLAIN (ANALYZE) SELECT b.id,
 (SELECT count(*) FROM unnest(ARRAY['completed','failed','cancelled','rejected','error','undetermined','vanished']::text[]) f(state) CROSS JOIN LATERAL (SELECT 1 FROM eigenpal.submissions s WHERE s.batch_id = b.id AND s.state = f.state AND s.updated_at >= now() - interval '10 minutes') x),
 (SELECT max(l.updated_at) FROM unnest(ARRAY['pending','sending','running','completed','failed','cancelled','rejected','error','undetermined','vanished']::text[]) a(state) CROSS JOIN LATERAL (SELECT s.updated_at FROM eigenpal.submissions s WHERE s.batch_id = b.id AND s.state = a.state ORDER BY s.updated_at DESC LIMIT 1) l)
FROM unnest((SELECT array_agg(id) FROM (SELECT id FROM eigenpal.batches ORDER BY created_at DESC LIMIT 25) x)) b(id);
EXPLAIN (ANALYZE) SELECT batch_id, state, count(*) FROM eigenpal.submissions WHERE batch_id = ANY(ARRAY(SELECT id FROM eigenpal.batches ORDER BY created_at DESC LIMIT 25)) GROUP BY batch_id, state;
\echo 11. awaiting
EXPLAIN (ANALYZE) SELECT s.id, s.source_name, s.attempt, COALESCE(e.candidates, ARRAY[]::text[]), s.updated_at FROM eigenpal.submissions s LEFT JOIN eigenpal.executions e ON e.submission_id = s.id AND e.attempt = s.attempt
WHERE s.state = 'undetermined' AND (NULL::text IS NULL OR s.batch_id IN (SELECT b.id FROM eigenpal.batches b WHERE b.id::text = NULL OR b.name = NULL)) AND (NULL::text IS NULL OR s.workflow = NULL) ORDER BY s.updated_at, s.id LIMIT 10;
\echo 12. find submission
EXPLAIN (ANALYZE) SELECT s.id FROM eigenpal.submissions s LEFT JOIN eigenpal.executions e ON e.submission_id = s.id AND e.attempt = s.attempt
WHERE s.id = md5('sub77')::uuid OR s.id = (SELECT x.submission_id FROM eigenpal.executions x WHERE x.remote_id = md5('sub77')::uuid::text);
\echo 13. export
EXPLAIN (ANALYZE) SELECT s.id, s.source_name, f.file_name, s.state, e.remote_id, e.result::text, COALESCE(e.error, s.state_reason)
FROM eigenpal.submissions s LEFT JOIN eigenpal.executions e ON e.submission_id = s.id AND e.attempt = s.attempt
LEFT JOIN LATERAL (SELECT sf.file_name FROM eigenpal.submission_files sf WHERE sf.submission_id = s.id ORDER BY sf.input_name LIMIT 1) f ON true
WHERE ('b'::text IS NULL OR s.batch_id = ANY (ARRAY(SELECT b.id FROM eigenpal.batches b WHERE b.id::text = md5('batch500')::uuid::text OR b.name = md5('batch500')::uuid::text))) AND (NULL::text IS NULL OR s.workflow = NULL)
ORDER BY s.created_at, s.id;
