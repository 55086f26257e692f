-- DCRC schema version 17: facts about the installation (the secret's check value; from which audit entry
-- ids are dense: entries are numbered without gaps from here on, so an id gap shows a cut).

CREATE TABLE "SystemMarks" (
    "Name" character varying(64) NOT NULL,
    "Value" character varying(200) NOT NULL,
    CONSTRAINT "PK_SystemMarks" PRIMARY KEY ("Name")
);

INSERT INTO "SystemMarks" ("Name", "Value") SELECT 'audit.dense_from', (COALESCE(MAX("Id"), 0) + 1)::text FROM "AuditEntries";
