-- DCRC schema version 11: the callback centre — tasks made from events (unique per kind, source and event date, so a
-- replay adds nothing), call attempts, survey answers, and the repair team of a repair order (表8).

ALTER TABLE "Transactions" ADD "RepairTeam" TEXT NULL;

CREATE TABLE "CallbackAnswers" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_CallbackAnswers" PRIMARY KEY AUTOINCREMENT,
    "TaskId" INTEGER NOT NULL,
    "QuestionId" INTEGER NOT NULL,
    "Score" INTEGER NULL,
    "YesNo" INTEGER NULL,
    "Choice" TEXT NULL,
    "Text" TEXT NULL
);

CREATE TABLE "CallbackAttempts" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_CallbackAttempts" PRIMARY KEY AUTOINCREMENT,
    "StoreId" INTEGER NOT NULL,
    "TaskId" INTEGER NOT NULL,
    "At" TEXT NOT NULL,
    "ByUserId" TEXT NULL,
    "ByName" TEXT NULL,
    "Outcome" INTEGER NOT NULL,
    "RescheduledTo" TEXT NULL,
    "Note" TEXT NULL
);

CREATE TABLE "CallbackTasks" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_CallbackTasks" PRIMARY KEY AUTOINCREMENT,
    "StoreId" INTEGER NOT NULL,
    "Kind" INTEGER NOT NULL,
    "SourceId" INTEGER NOT NULL,
    "EventDate" TEXT NOT NULL,
    "CustomerId" INTEGER NOT NULL,
    "VehicleId" INTEGER NULL,
    "TransactionId" INTEGER NULL,
    "DueOn" TEXT NOT NULL,
    "DueBy" TEXT NOT NULL,
    "ExpiresOn" TEXT NULL,
    "Status" INTEGER NOT NULL,
    "AssignedTo" TEXT NULL,
    "StaffUserId" TEXT NULL,
    "StaffName" TEXT NULL,
    "RepairTeam" TEXT NULL,
    "RescheduledTo" TEXT NULL,
    "FailedAttempts" INTEGER NOT NULL,
    "LastOutcome" INTEGER NULL,
    "LastAttemptAt" TEXT NULL,
    "QuestionnaireId" INTEGER NULL,
    "Score" INTEGER NULL,
    "Band" INTEGER NULL,
    "ComplaintId" INTEGER NULL,
    "SmsMessageId" INTEGER NULL,
    "OwnerDataCorrect" INTEGER NULL,
    "AnsweredBy" TEXT NULL,
    "Note" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "ClosedAt" TEXT NULL,
    "ClosedBy" TEXT NULL,
    "Version" INTEGER NOT NULL
);

CREATE UNIQUE INDEX "IX_CallbackAnswers_TaskId_QuestionId" ON "CallbackAnswers" ("TaskId", "QuestionId");

CREATE INDEX "IX_CallbackAttempts_StoreId_At" ON "CallbackAttempts" ("StoreId", "At");

CREATE INDEX "IX_CallbackAttempts_TaskId_At" ON "CallbackAttempts" ("TaskId", "At");

CREATE INDEX "IX_CallbackTasks_AssignedTo_Status_DueOn" ON "CallbackTasks" ("AssignedTo", "Status", "DueOn");

CREATE INDEX "IX_CallbackTasks_CustomerId" ON "CallbackTasks" ("CustomerId");

CREATE UNIQUE INDEX "IX_CallbackTasks_Kind_SourceId_EventDate" ON "CallbackTasks" ("Kind", "SourceId", "EventDate");

CREATE INDEX "IX_CallbackTasks_StoreId_Status_DueOn" ON "CallbackTasks" ("StoreId", "Status", "DueOn");

CREATE INDEX "IX_CallbackTasks_TransactionId" ON "CallbackTasks" ("TransactionId");

