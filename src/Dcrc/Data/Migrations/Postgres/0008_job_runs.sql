-- DCRC schema version 8: claimed runs of scheduled jobs. The primary key (job, period) makes a run exclusive
-- across app instances sharing the database; a run's work commits with its row.

CREATE TABLE "JobRuns" (
    "Job" character varying(100) NOT NULL,
    "RunKey" character varying(40) NOT NULL,
    "StartedAt" timestamp with time zone NOT NULL,
    "FinishedAt" timestamp with time zone NOT NULL,
    "Instance" character varying(100) NOT NULL,
    CONSTRAINT "PK_JobRuns" PRIMARY KEY ("Job", "RunKey")
);
