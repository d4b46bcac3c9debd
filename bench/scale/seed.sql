-- One million submissions (1,000 batches of 1,000) in the mix a long-lived deployment has:
-- mostly finished, a few thousand in flight. One execution per sent submission.
INSERT INTO eigenpal.batches (id, name, workflow, created_at)
SELECT md5('batch' || b)::uuid, 'batch-' || b, 'extract-invoice', now() - (1000 - b) * interval '1 hour'
FROM generate_series(1, 1000) b;

INSERT INTO eigenpal.submissions (id, workflow, idempotency_key, batch_id, source_name, state, state_reason, attempt, created_at, updated_at, not_before, relay_at)
SELECT md5('sub' || i)::uuid,
       CASE WHEN i % 10 = 0 THEN 'classify-text' ELSE 'extract-invoice' END,
       'key-' || i, md5('batch' || (1 + (i - 1) / 1000))::uuid, 'invoice-' || i || '.pdf',
       s.state, CASE WHEN s.state = 'failed' THEN 'OCR failed: page ' || (i % 7) || ' unreadable' END,
       CASE WHEN s.state = 'pending' THEN 0 ELSE 1 END,
       now() - (1000000 - i) * interval '3.6 seconds', now() - (1000000 - i) * interval '3.6 seconds',
       now() - (1000000 - i) * interval '3.6 seconds', now() - (1000000 - i) * interval '3.6 seconds'
FROM generate_series(1, 1000000) i
CROSS JOIN LATERAL (SELECT CASE
    WHEN i > 995000 AND i % 3 = 0 THEN 'pending'
    WHEN i > 980000 THEN 'running'
    WHEN i % 20 = 0 THEN 'failed'
    WHEN i % 97 = 0 THEN 'rejected'
    ELSE 'completed' END AS state) s;

INSERT INTO eigenpal.executions (id, submission_id, attempt, workflow, remote_id, status, sent_at, remote_created_at, completed_at, result, error, next_poll_at)
SELECT md5('exec' || s.id)::uuid, s.id, 1, s.workflow, 'exec_' || md5(s.id::text), s.state, s.created_at, s.created_at,
       CASE WHEN s.state <> 'running' THEN s.created_at + interval '8 seconds' END,
       CASE WHEN s.state = 'completed' THEN jsonb_build_object('invoiceNumber', s.source_name, 'total', 100.5) END,
       s.state_reason,
       CASE WHEN s.state = 'running' THEN now() + (random() * 60) * interval '1 second' END
FROM eigenpal.submissions s WHERE s.state <> 'pending';

VACUUM ANALYZE;
