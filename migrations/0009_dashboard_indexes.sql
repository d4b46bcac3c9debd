-- The dashboard's lists and charts (issue 10), each bounded by an index so that a page costs the
-- same at 1,000,000 submissions as at 1,000:
--   submissions_state_keyset     the submissions list by state, newest change first, paged by the
--                                (updated_at, id) of the last row shown (keyset paging, never OFFSET);
--                                also stuck work (oldest change first) and failures in a time window.
--   submissions_workflow_keyset  the same list for one workflow.
--   submissions_batch_keyset     the same list for one batch, and a batch's recent finishing rate.
--   submissions_created          submitted per minute over the last hours.
--   executions_completed_cover   finished per minute and duration percentiles over the last hours,
--                                read from the index alone (workflow, status and sent_at ride along).
--   batches_created              the batch list, newest first, keyset-paged.
CREATE INDEX submissions_state_keyset ON eigenpal.submissions (state, updated_at, id);
CREATE INDEX submissions_workflow_keyset ON eigenpal.submissions (workflow, state, updated_at, id);
CREATE INDEX submissions_batch_keyset ON eigenpal.submissions (batch_id, state, updated_at, id);
CREATE INDEX submissions_created ON eigenpal.submissions (created_at);
CREATE INDEX executions_completed_cover ON eigenpal.executions (completed_at) INCLUDE (workflow, status, sent_at)
    WHERE completed_at IS NOT NULL;
CREATE INDEX batches_created ON eigenpal.batches (created_at, id);
