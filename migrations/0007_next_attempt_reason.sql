-- Why a reprocessed submission's next attempt is made, kept apart from state_reason (issue 9, review).
--   submissions.next_attempt_reason / next_attempt_for
--        why attempt number next_attempt_for will be made, set by a reprocess run when it makes the
--        submission pending again and copied into executions.made_because when that attempt begins.
--        Unlike state_reason, a 429 or a failure before the request left (which forget the attempt and
--        try again) does not overwrite it.
--   submissions_failed
--        the reprocess selection reads every failed submission each run; rejected, cancelled and error
--        ones only within the run's window.
ALTER TABLE eigenpal.submissions
    ADD COLUMN next_attempt_reason text,
    ADD COLUMN next_attempt_for    integer;

CREATE INDEX submissions_failed ON eigenpal.submissions (updated_at) WHERE state = 'failed';
