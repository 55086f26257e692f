-- DCRC schema version 22: prospects — leads, their follow-up attempts, timeline and clocks, OEM batches, showroom visits.

CREATE TABLE "LeadAttempts" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_LeadAttempts" PRIMARY KEY AUTOINCREMENT,
    "StoreId" INTEGER NOT NULL,
    "LeadId" INTEGER NOT NULL,
    "At" TEXT NOT NULL,
    "Slot" INTEGER NULL,
    "Result" INTEGER NOT NULL,
    "Remark" TEXT NULL,
    "ByUserId" TEXT NULL,
    "ConsultantName" TEXT NOT NULL,
    "NextFollowUpOn" TEXT NULL
);

CREATE TABLE "LeadBatches" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_LeadBatches" PRIMARY KEY AUTOINCREMENT,
    "StoreId" INTEGER NOT NULL,
    "BatchNumber" TEXT NOT NULL,
    "ArrivedAt" TEXT NOT NULL,
    "ImportedAt" TEXT NOT NULL,
    "ImportedBy" TEXT NULL,
    "Leads" INTEGER NOT NULL
);

CREATE TABLE "LeadEvents" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_LeadEvents" PRIMARY KEY AUTOINCREMENT,
    "LeadId" INTEGER NOT NULL,
    "At" TEXT NOT NULL,
    "Kind" INTEGER NOT NULL,
    "ByUserId" TEXT NULL,
    "ByName" TEXT NULL,
    "Note" TEXT NULL
);

CREATE TABLE "LeadLimitEvents" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_LeadLimitEvents" PRIMARY KEY AUTOINCREMENT,
    "LeadId" INTEGER NOT NULL,
    "Limit" INTEGER NOT NULL,
    "Round" INTEGER NOT NULL,
    "Kind" INTEGER NOT NULL,
    "At" TEXT NOT NULL,
    "Level" INTEGER NOT NULL
);

CREATE TABLE "Leads" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Leads" PRIMARY KEY AUTOINCREMENT,
    "StoreId" INTEGER NOT NULL,
    "Name" TEXT NOT NULL,
    "Mobile" TEXT NOT NULL,
    "MobileLast4" TEXT NOT NULL,
    "Gender" INTEGER NOT NULL,
    "Region" TEXT NULL,
    "Series" TEXT NULL,
    "Model" TEXT NULL,
    "IntentLevel" TEXT NOT NULL,
    "Budget" TEXT NULL,
    "PurchaseTiming" INTEGER NOT NULL,
    "Payment" INTEGER NOT NULL,
    "CompetingBrands" TEXT NULL,
    "TradeIn" INTEGER NOT NULL,
    "TradeInNote" TEXT NULL,
    "VisitAt" TEXT NULL,
    "VisitMinutes" INTEGER NULL,
    "Companions" TEXT NULL,
    "Needs" TEXT NULL,
    "Source" INTEGER NOT NULL,
    "State" INTEGER NOT NULL,
    "ConsultantUserId" TEXT NULL,
    "ConsultantName" TEXT NULL,
    "ConsultantDepartmentId" INTEGER NULL,
    "AssignedAt" TEXT NULL,
    "AutoAssigned" INTEGER NOT NULL,
    "CustomerId" INTEGER NULL,
    "NextFollowUpOn" TEXT NULL,
    "LastFollowUpAt" TEXT NULL,
    "Attempts" INTEGER NOT NULL,
    "LateSince" TEXT NULL,
    "NextClockAt" TEXT NULL,
    "ContactedAt" TEXT NULL,
    "VisitedAt" TEXT NULL,
    "TestDriveAt" TEXT NULL,
    "OrderedAt" TEXT NULL,
    "ClosedAt" TEXT NULL,
    "PoolSince" TEXT NULL,
    "BatchId" INTEGER NULL,
    "OemLeadNumber" TEXT NULL,
    "FeedbackDueAt" TEXT NULL,
    "FeedbackAt" TEXT NULL,
    "Feedback" INTEGER NULL,
    "FeedbackRemark" TEXT NULL,
    "FeedbackBy" TEXT NULL,
    "OemCheckedAt" TEXT NULL,
    "OemFeedbackTrue" INTEGER NULL,
    "OemInfoAccurate" INTEGER NULL,
    "OemOffered" INTEGER NULL,
    "TransferReason" INTEGER NULL,
    "LostReason" INTEGER NULL,
    "LostCompetitor" TEXT NULL,
    "LostNote" TEXT NULL,
    "KeepsInterest" INTEGER NOT NULL,
    "LostRequestedBy" TEXT NULL,
    "LostApprovedBy" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "CreatedBy" TEXT NULL,
    "UpdatedAt" TEXT NOT NULL,
    "Version" INTEGER NOT NULL
);

CREATE TABLE "LeadVisits" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_LeadVisits" PRIMARY KEY AUTOINCREMENT,
    "StoreId" INTEGER NOT NULL,
    "LeadId" INTEGER NOT NULL,
    "ArrivedAt" TEXT NOT NULL,
    "LeftAt" TEXT NULL,
    "PartySize" INTEGER NOT NULL,
    "Model" TEXT NULL,
    "ConsultantUserId" TEXT NULL,
    "ConsultantName" TEXT NULL,
    "TestDrive" INTEGER NOT NULL,
    "CallbackTaskId" INTEGER NULL,
    "SmsMessageId" INTEGER NULL,
    "RecordedBy" TEXT NULL
);

CREATE INDEX "IX_LeadAttempts_LeadId_At" ON "LeadAttempts" ("LeadId", "At");
CREATE INDEX "IX_LeadAttempts_StoreId_At" ON "LeadAttempts" ("StoreId", "At");
CREATE UNIQUE INDEX "IX_LeadBatches_StoreId_BatchNumber" ON "LeadBatches" ("StoreId", "BatchNumber");
CREATE INDEX "IX_LeadEvents_LeadId_At" ON "LeadEvents" ("LeadId", "At");
CREATE INDEX "IX_LeadLimitEvents_LeadId_Limit_Round" ON "LeadLimitEvents" ("LeadId", "Limit", "Round");
CREATE INDEX "IX_Leads_BatchId_OemLeadNumber" ON "Leads" ("BatchId", "OemLeadNumber");
CREATE INDEX "IX_Leads_ConsultantDepartmentId_State" ON "Leads" ("ConsultantDepartmentId", "State");
CREATE INDEX "IX_Leads_CustomerId" ON "Leads" ("CustomerId");
CREATE INDEX "IX_Leads_MobileLast4" ON "Leads" ("MobileLast4");
CREATE INDEX "IX_Leads_NextClockAt" ON "Leads" ("NextClockAt");
CREATE INDEX "IX_Leads_StoreId_ConsultantUserId_State_NextFollowUpOn" ON "Leads" ("StoreId", "ConsultantUserId", "State", "NextFollowUpOn");
CREATE INDEX "IX_Leads_StoreId_CreatedAt" ON "Leads" ("StoreId", "CreatedAt");
CREATE INDEX "IX_Leads_StoreId_Mobile" ON "Leads" ("StoreId", "Mobile");
CREATE INDEX "IX_Leads_StoreId_State_PoolSince" ON "Leads" ("StoreId", "State", "PoolSince");
CREATE INDEX "IX_LeadVisits_LeadId" ON "LeadVisits" ("LeadId");
CREATE INDEX "IX_LeadVisits_StoreId_ArrivedAt" ON "LeadVisits" ("StoreId", "ArrivedAt");
