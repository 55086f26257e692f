-- DCRC schema version 14: the call desk — the incoming-call log (顾客来电记录表, seed 000 附件4), the agents' telephone lines
-- for the telephony system's screen pop — and the knowledge base: call scripts with the phrases never to say (002 §二,
-- 002 §四 五 十句禁言) and FAQ answers. Defaults installed at start-up.

CREATE TABLE "AgentLines" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AgentLines" PRIMARY KEY AUTOINCREMENT,
    "StoreId" INTEGER NOT NULL,
    "Line" TEXT NOT NULL,
    "UserId" TEXT NULL,
    "UpdatedAt" TEXT NOT NULL,
    "UpdatedBy" TEXT NULL
);

CREATE TABLE "CallLogs" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_CallLogs" PRIMARY KEY AUTOINCREMENT,
    "StoreId" INTEGER NOT NULL,
    "At" TEXT NOT NULL,
    "Number" TEXT NOT NULL,
    "CallerName" TEXT NULL,
    "Line" TEXT NULL,
    "Direction" INTEGER NOT NULL,
    "Missed" INTEGER NOT NULL,
    "Purpose" INTEGER NULL,
    "Content" TEXT NULL,
    "Handling" TEXT NULL,
    "HandledBy" TEXT NULL,
    "HandledByName" TEXT NULL,
    "LoggedAt" TEXT NULL,
    "CallbackOwed" INTEGER NOT NULL,
    "PromisedCallbackAt" TEXT NULL,
    "CallbackTaskId" INTEGER NULL,
    "CustomerId" INTEGER NULL,
    "VehicleId" INTEGER NULL,
    "InteractionId" INTEGER NULL,
    "ComplaintId" INTEGER NULL,
    "CreatedAt" TEXT NOT NULL,
    "Version" INTEGER NOT NULL
);

CREATE TABLE "FaqEntries" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_FaqEntries" PRIMARY KEY AUTOINCREMENT,
    "Question" TEXT NOT NULL,
    "Answer" TEXT NOT NULL,
    "Tags" TEXT NULL,
    "UpdatedAt" TEXT NOT NULL,
    "UpdatedBy" TEXT NULL,
    "Version" INTEGER NOT NULL
);

CREATE TABLE "Scripts" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Scripts" PRIMARY KEY AUTOINCREMENT,
    "Topic" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    "UpdatedBy" TEXT NULL,
    "Version" INTEGER NOT NULL
);

CREATE TABLE "ScriptPhrases" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ScriptPhrases" PRIMARY KEY AUTOINCREMENT,
    "ScriptId" INTEGER NOT NULL,
    "Number" INTEGER NOT NULL,
    "Stage" INTEGER NOT NULL,
    "Situation" TEXT NULL,
    "Say" TEXT NULL,
    "NeverSay" TEXT NULL,
    "NeverDo" TEXT NULL,
    CONSTRAINT "FK_ScriptPhrases_Scripts_ScriptId" FOREIGN KEY ("ScriptId") REFERENCES "Scripts" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_AgentLines_Line" ON "AgentLines" ("Line");

CREATE INDEX "IX_AgentLines_UserId" ON "AgentLines" ("UserId");

CREATE INDEX "IX_CallLogs_CustomerId" ON "CallLogs" ("CustomerId");

CREATE INDEX "IX_CallLogs_Number_At" ON "CallLogs" ("Number", "At");

CREATE INDEX "IX_CallLogs_StoreId_At" ON "CallLogs" ("StoreId", "At");

CREATE UNIQUE INDEX "IX_ScriptPhrases_ScriptId_Number" ON "ScriptPhrases" ("ScriptId", "Number");

CREATE UNIQUE INDEX "IX_Scripts_Topic" ON "Scripts" ("Topic");
