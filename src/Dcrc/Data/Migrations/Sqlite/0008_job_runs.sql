-- DCRC schema version 8: claimed runs of scheduled jobs. The primary key (job, period) makes a run exclusive
-- across app instances sharing the database; a run's work commits with its row.

CREATE TABLE "JobRuns" (
    "Job" TEXT NOT NULL,
    "RunKey" TEXT NOT NULL,
    "StartedAt" TEXT NOT NULL,
    "FinishedAt" TEXT NOT NULL,
    "Instance" TEXT NOT NULL,
    CONSTRAINT "PK_JobRuns" PRIMARY KEY ("Job", "RunKey")
);
