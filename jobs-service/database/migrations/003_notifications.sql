-- Job notifications (seed 002, the notification table; issue 5, "Notifications"): an outbox that
-- a trigger on job_history fills in the transaction of each status change, and that the
-- NotificationDeliverer (jobs-service/notifications/) empties. The trigger is on the history
-- rather than in jobs-service/state/change-status.ts because every status change writes exactly
-- one history row in the same statement, wherever it comes from (the state machine, the intake's
-- ACCEPTED and PENDING rows, later ones): no writer can forget to enqueue, and a rolled-back
-- change leaves no notification behind.

CREATE TABLE notification_outbox (
  id                  bigserial PRIMARY KEY,           -- also the notification id a receiver sees
  job_uuid            uuid NOT NULL REFERENCES jobs (uuid) ON DELETE CASCADE,
  history_id          bigint NOT NULL REFERENCES job_history (id) ON DELETE CASCADE,
  notification_index  integer NOT NULL,                -- position in jobs.notifications (0-based)
  event               varchar(32) NOT NULL,            -- as subscribed: a status name or *
  persistent          boolean NOT NULL,
  target              varchar(1024) NOT NULL,          -- the url (templates unfilled) or email address
  status              varchar(32) NOT NULL,            -- the status the job entered
  message             text NOT NULL,                   -- that status change's message
  occurred            timestamptz NOT NULL,            -- when the job entered it (job_history.created)
  state               varchar(16) NOT NULL DEFAULT 'PENDING'
                        CHECK (state IN ('PENDING', 'DELIVERED', 'FAILED', 'UNDELIVERABLE')),
  attempts            integer NOT NULL DEFAULT 0,      -- counted when claimed, so a crash counts too
  next_attempt_at     timestamptz NOT NULL DEFAULT now(),
  lease_owner         text,                            -- the deliverer sending it now
  lease_expires_at    timestamptz,                     -- after this another deliverer may take it
  delivered_at        timestamptz,
  finished_at         timestamptz,                     -- when it left PENDING, whatever the outcome
  last_error          text,
  -- One row per status change and notification: a replayed history row enqueues nothing twice.
  UNIQUE (history_id, notification_index)
);

-- A notification that is not persistent fires once in the job's life: the first matching event
-- takes this slot and later ones find it taken (ON CONFLICT DO NOTHING below).
CREATE UNIQUE INDEX notification_outbox_once ON notification_outbox (job_uuid, notification_index) WHERE NOT persistent;
-- What the deliverers claim: pending rows by due time.
CREATE INDEX notification_outbox_due ON notification_outbox (next_attempt_at) WHERE state = 'PENDING';

-- For each of the job's notifications whose event is the status entered (or *), one outbox row;
-- then a NOTIFY so that a deliverer wakes at commit (never before: NOTIFY is transactional).
-- ACCEPTED is an event like the others: the intake writes the ACCEPTED history row when it
-- records the job, so ACCEPTED notifications go out then, stamped with the time of acceptance.
-- The trigger must never make a status change fail, so malformed notification entries (possible
-- only if something bypassed the submission's validation) are skipped, not cast.
CREATE FUNCTION enqueue_job_notifications() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  enqueued integer;
BEGIN
  INSERT INTO notification_outbox (job_uuid, history_id, notification_index, event, persistent, target, status, message, occurred)
  SELECT NEW.job_uuid, NEW.id, (n.ordinality - 1)::integer, n.entry->>'event',
         coalesce(n.entry->'persistent' = 'true'::jsonb, false), n.entry->>'url',
         NEW.to_status, NEW.message, NEW.created
  FROM jobs j,
       jsonb_array_elements(CASE WHEN jsonb_typeof(j.notifications) = 'array' THEN j.notifications ELSE '[]'::jsonb END)
         WITH ORDINALITY AS n(entry, ordinality)
  WHERE j.uuid = NEW.job_uuid
    AND jsonb_typeof(n.entry) = 'object'
    AND (n.entry->>'event' = NEW.to_status OR n.entry->>'event' = '*')
    AND jsonb_typeof(n.entry->'url') = 'string'
    AND length(n.entry->>'url') <= 1024
  ON CONFLICT DO NOTHING;
  GET DIAGNOSTICS enqueued = ROW_COUNT;
  IF enqueued > 0 THEN
    PERFORM pg_notify('jobfloor_notify', NEW.job_uuid::text);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER job_history_enqueue_notifications
  AFTER INSERT ON job_history
  FOR EACH ROW EXECUTE FUNCTION enqueue_job_notifications();
