-- DCRC schema version 2: the hash-chained audit log and the business settings store.

CREATE TABLE "AuditEntries" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AuditEntries" PRIMARY KEY AUTOINCREMENT,
    "At" TEXT NOT NULL,
    "UserId" TEXT NULL,
    "UserName" TEXT NULL,
    "StoreId" INTEGER NULL,
    "Action" TEXT NOT NULL,
    "EntityType" TEXT NULL,
    "EntityId" TEXT NULL,
    "Summary" TEXT NOT NULL,
    "ClientAddress" TEXT NULL,
    "PreviousHash" TEXT NOT NULL,
    "Hash" TEXT NOT NULL
);

CREATE TABLE "SettingValues" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_SettingValues" PRIMARY KEY AUTOINCREMENT,
    "StoreId" INTEGER NULL,
    "Key" TEXT NOT NULL,
    "Value" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    "UpdatedBy" TEXT NULL,
    "Version" INTEGER NOT NULL
);

CREATE INDEX "IX_AuditEntries_Action_At" ON "AuditEntries" ("Action", "At");

CREATE INDEX "IX_AuditEntries_At" ON "AuditEntries" ("At");

CREATE INDEX "IX_AuditEntries_EntityType_EntityId" ON "AuditEntries" ("EntityType", "EntityId");

CREATE INDEX "IX_AuditEntries_UserName_At" ON "AuditEntries" ("UserName", "At");

CREATE UNIQUE INDEX "IX_SettingValues_StoreId_Key" ON "SettingValues" ("StoreId", "Key");

-- NULL store ids are distinct to a unique index; group-level values need their own.
CREATE UNIQUE INDEX "IX_SettingValues_Group_Key" ON "SettingValues" ("Key") WHERE "StoreId" IS NULL;

-- The audit log is append-only: the database refuses any change or deletion of an entry.
CREATE TRIGGER "AuditEntries_no_update" BEFORE UPDATE ON "AuditEntries"
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;

CREATE TRIGGER "AuditEntries_no_delete" BEFORE DELETE ON "AuditEntries"
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
