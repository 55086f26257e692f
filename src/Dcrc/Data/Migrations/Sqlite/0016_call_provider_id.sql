-- DCRC schema version 16: the telephony system's own id of a reported call, unique, so a retried or replayed push
-- (POST /api/v1/calls/incoming) is recorded once. Calls reported before have none.

ALTER TABLE "CallLogs" ADD "ProviderCallId" TEXT NULL;

CREATE UNIQUE INDEX "IX_CallLogs_ProviderCallId" ON "CallLogs" ("ProviderCallId");
