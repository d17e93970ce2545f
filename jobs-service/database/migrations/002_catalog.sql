-- The tenant catalogue (issue 4, "Apps, systems, tenants, queues"): execution and storage
-- systems with their batch queues, apps, and tenant submission queues. Definitions are validated
-- by jobs-service/catalog/*-definition.ts before they reach these tables; the checks here keep
-- the rows coherent whatever writes them.

CREATE TABLE systems (
  tenant_id     varchar(64) NOT NULL,
  id            varchar(64) NOT NULL,
  type          varchar(16) NOT NULL,
  kind          varchar(16) NOT NULL,
  description   text,
  root_dir      text,                                  -- local and file systems
  base_url      text,                                  -- http systems
  batch_queues  jsonb NOT NULL DEFAULT '[]',           -- execution systems: [{ name, default, max... }]
  created       timestamptz NOT NULL DEFAULT now(),
  last_updated  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  CHECK ((type = 'execution' AND kind IN ('local', 'sim')) OR (type = 'storage' AND kind IN ('file', 'http'))),
  CHECK ((kind IN ('local', 'file')) = (root_dir IS NOT NULL)),
  CHECK ((kind = 'http') = (base_url IS NOT NULL)),
  CHECK (jsonb_typeof(batch_queues) = 'array')
);

CREATE TABLE apps (
  tenant_id                    varchar(64) NOT NULL,
  id                           varchar(64) NOT NULL,
  version                      varchar(64) NOT NULL,
  uuid                         uuid NOT NULL UNIQUE,   -- assigned on creation, kept by updates
  description                  text,
  execution_system             varchar(64) NOT NULL,
  command                      jsonb NOT NULL CHECK (jsonb_typeof(command) = 'array'),  -- argv with ${id} placeholders
  inputs                       jsonb NOT NULL DEFAULT '{}',   -- input id -> { required, multiple, default }
  parameters                   jsonb NOT NULL DEFAULT '{}',   -- parameter id -> { type, required, default, ... }
  default_batch_queue          varchar(128),
  default_node_count           integer CHECK (default_node_count > 0),
  default_processors_per_node  integer CHECK (default_processors_per_node > 0),
  default_memory_per_node      varchar(32),            -- as written: [num][units]
  default_max_run_time         varchar(20),            -- HH:mm:ss
  default_archive_system       varchar(64),
  default_archive_path         varchar(255),
  input_system                 varchar(64),            -- storage system of relative input paths
  created                      timestamptz NOT NULL DEFAULT now(),
  last_updated                 timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, execution_system) REFERENCES systems (tenant_id, id),
  FOREIGN KEY (tenant_id, default_archive_system) REFERENCES systems (tenant_id, id),
  FOREIGN KEY (tenant_id, input_system) REFERENCES systems (tenant_id, id)
);

-- Queues beyond the default jobfloor.jobq.<tenant>.submit.DefaultQueue, which always exists.
CREATE TABLE tenant_queues (
  tenant_id     varchar(64) NOT NULL,
  name          varchar(64) NOT NULL,                  -- short: the queue is jobfloor.jobq.<tenant>.submit.<name>
  priority      integer NOT NULL CHECK (priority > 0), -- higher is tried first
  filter        jsonb NOT NULL,
  description   text,
  created       timestamptz NOT NULL DEFAULT now(),
  last_updated  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, name),
  UNIQUE (tenant_id, priority),
  CHECK (name <> 'DefaultQueue')
);
