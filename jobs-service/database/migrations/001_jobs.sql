-- The job model of seed 002 ("The Complete Job Object"), its status history, the durable intake
-- of accepted submissions, the work queue that workers claim from, and tenant administrators.

CREATE TABLE jobs (
  id                   bigserial PRIMARY KEY,          -- the job sequence number
  uuid                 uuid NOT NULL UNIQUE,           -- the job id of the REST API
  name                 varchar(64) NOT NULL,
  tenant_id            varchar(64) NOT NULL,
  tenant_queue         varchar(255) NOT NULL,
  status               varchar(32) NOT NULL CHECK (status IN (
                         'PENDING', 'PROCESSING_INPUTS', 'STAGING_INPUTS', 'STAGED', 'STAGING_JOB',
                         'SUBMITTING', 'QUEUED', 'RUNNING', 'CLEANING_UP', 'ARCHIVING', 'FINISHED',
                         'STOPPED', 'FAILED', 'BLOCKED', 'PAUSED')),
  last_status_message  text NOT NULL DEFAULT '',
  accepted             timestamptz NOT NULL,
  created              timestamptz NOT NULL DEFAULT now(),
  ended                timestamptz,
  last_updated         timestamptz NOT NULL DEFAULT now(),
  owner                varchar(64) NOT NULL,
  roles                text NOT NULL DEFAULT '',       -- comma-separated, as the token gave them
  system_id            varchar(64) NOT NULL,
  app_id               varchar(64) NOT NULL,
  app_uuid             uuid NOT NULL,
  work_path            text,
  archive              boolean NOT NULL DEFAULT false,
  archive_path         varchar(255),
  archive_system       varchar(64),
  node_count           integer NOT NULL CHECK (node_count > 0),
  processors_per_node  integer NOT NULL CHECK (processors_per_node > 0),
  memory_per_node      double precision NOT NULL CHECK (memory_per_node >= 0),   -- GB
  max_hours            double precision NOT NULL CHECK (max_hours >= 0),
  inputs               jsonb NOT NULL DEFAULT '{}',
  parameters           jsonb NOT NULL DEFAULT '{}',
  remote_job_id        text,
  scheduler_job_id     text,
  remote_queue         varchar(255),
  remote_submitted     timestamptz,
  remote_started       timestamptz,
  remote_ended         timestamptz,
  remote_outcome       varchar(32) CHECK (remote_outcome IN ('FINISHED', 'FAILED', 'FAILED_SKIP_ARCHIVE')),
  submit_retries       integer NOT NULL DEFAULT 0,
  remote_status_checks integer NOT NULL DEFAULT 0,
  failed_status_checks integer NOT NULL DEFAULT 0,
  last_status_check    timestamptz,
  blocked_count        integer NOT NULL DEFAULT 0,
  visible              boolean NOT NULL DEFAULT true,
  update_token         text NOT NULL,
  -- Beyond the seed's model: what the service needs to act on the job.
  notifications        jsonb NOT NULL DEFAULT '[]',
  request              jsonb NOT NULL,                 -- the submission as received, for resubmit
  cancel_requested_at  timestamptz,                    -- set by cancel; a worker stops at its next check
  previous_status      varchar(32)                     -- the state left at the last change (for the history row)
);
CREATE INDEX jobs_tenant_owner_created ON jobs (tenant_id, owner, created, id);
CREATE INDEX jobs_tenant_created ON jobs (tenant_id, created, id);
CREATE INDEX jobs_status ON jobs (status);

-- One row per status change, written in the transaction that changes the status.
CREATE TABLE job_history (
  id           bigserial PRIMARY KEY,
  job_uuid     uuid NOT NULL REFERENCES jobs (uuid) ON DELETE CASCADE,
  from_status  varchar(32),                            -- NULL for the first row (ACCEPTED)
  to_status    varchar(32) NOT NULL,
  message      text NOT NULL DEFAULT '',
  created      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX job_history_job ON job_history (job_uuid, id);

-- Accepted submissions that the intake worker has not yet made into jobs. A submission is one
-- INSERT here (and a NOTIFY) before the service answers 202; nothing else happens in the request.
CREATE TABLE job_intake (
  uuid          uuid PRIMARY KEY,
  tenant_id     varchar(64) NOT NULL,
  owner         varchar(64) NOT NULL,
  accepted      timestamptz NOT NULL DEFAULT now(),
  job           jsonb NOT NULL                         -- the validated job, ready to insert
);
CREATE INDEX job_intake_accepted ON job_intake (accepted);

-- Work for the workers: one row per job that has something to do next. Workers claim rows with
-- FOR UPDATE SKIP LOCKED and hold them with a lease; `resume_at` names the flow node a job
-- continues at (NULL: the start), `state` what the finished phases left for the next ones.
CREATE TABLE work_queue (
  job_uuid          uuid PRIMARY KEY REFERENCES jobs (uuid) ON DELETE CASCADE,
  tenant_id         varchar(64) NOT NULL,
  tenant_queue      varchar(255) NOT NULL,
  resume_at         text,
  state             jsonb NOT NULL DEFAULT '{}',
  run_after         timestamptz NOT NULL DEFAULT now(),
  lease_owner       text,
  lease_expires_at  timestamptz,
  attempts          integer NOT NULL DEFAULT 0,
  enqueued_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX work_queue_ready ON work_queue (tenant_queue, run_after) WHERE lease_owner IS NULL;

-- Tenant administrators named by the service (roles in tokens can make administrators too).
CREATE TABLE tenant_admins (
  tenant_id  varchar(64) NOT NULL,
  user_id    varchar(64) NOT NULL,
  PRIMARY KEY (tenant_id, user_id)
);
