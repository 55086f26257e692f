-- DCRC schema version 17: facts about the installation (the secret's check value; from which audit entry
-- ids are dense: entries are numbered without gaps from here on, so an id gap shows a cut).

CREATE TABLE "SystemMarks" (
    "Name" TEXT NOT NULL CONSTRAINT "PK_SystemMarks" PRIMARY KEY,
    "Value" TEXT NOT NULL
);

INSERT INTO "SystemMarks" ("Name", "Value") SELECT 'audit.dense_from', CAST(COALESCE(MAX("Id"), 0) + 1 AS TEXT) FROM "AuditEntries";
