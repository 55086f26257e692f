-- DCRC schema version 13: complaint cases (客户投诉记录单/处理单) with their timeline and the recorded facts of their
-- time limits (dispatch, solution, result, follow-up), and in-app notifications.

CREATE TABLE "ComplaintEvents" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ComplaintEvents" PRIMARY KEY AUTOINCREMENT,
    "ComplaintId" INTEGER NOT NULL,
    "At" TEXT NOT NULL,
    "Action" INTEGER NULL,
    "SystemKey" TEXT NULL,
    "From" INTEGER NULL,
    "To" INTEGER NULL,
    "ByUserId" TEXT NULL,
    "ByName" TEXT NULL,
    "Note" TEXT NULL
);

CREATE TABLE "ComplaintLimitEvents" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ComplaintLimitEvents" PRIMARY KEY AUTOINCREMENT,
    "ComplaintId" INTEGER NOT NULL,
    "Limit" INTEGER NOT NULL,
    "Round" INTEGER NOT NULL,
    "Kind" INTEGER NOT NULL,
    "At" TEXT NOT NULL,
    "Level" INTEGER NOT NULL
);

CREATE TABLE "Complaints" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Complaints" PRIMARY KEY AUTOINCREMENT,
    "StoreId" INTEGER NOT NULL,
    "Channel" INTEGER NOT NULL,
    "ReceivedAt" TEXT NOT NULL,
    "ReceivedBy" TEXT NULL,
    "ReceivedByName" TEXT NULL,
    "CustomerId" INTEGER NOT NULL,
    "VehicleId" INTEGER NULL,
    "ContactName" TEXT NULL,
    "ContactPhone" TEXT NULL,
    "Category" INTEGER NOT NULL,
    "Severity" INTEGER NOT NULL,
    "Emergency" INTEGER NOT NULL,
    "Description" TEXT NOT NULL,
    "Request" TEXT NULL,
    "CustomerComplaintNumber" INTEGER NOT NULL,
    "CallId" INTEGER NULL,
    "CallbackTaskId" INTEGER NULL,
    "State" INTEGER NOT NULL,
    "Paused" INTEGER NOT NULL,
    "DepartmentId" INTEGER NULL,
    "ResponsibleUserId" TEXT NULL,
    "ResponsibleName" TEXT NULL,
    "Cause" TEXT NULL,
    "Solution" TEXT NULL,
    "Measures" TEXT NULL,
    "Result" TEXT NULL,
    "Compensation" INTEGER NOT NULL,
    "CompensationAmount" TEXT NULL,
    "OemEscalatedOn" TEXT NULL,
    "EngineerAppraisalOn" TEXT NULL,
    "CustomerOpinion" TEXT NULL,
    "ClosingSummary" TEXT NULL,
    "FollowUpNote" TEXT NULL,
    "ClosedAt" TEXT NULL,
    "SatisfactionTaskId" INTEGER NULL,
    "Reopened" INTEGER NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    "Version" INTEGER NOT NULL
);

CREATE TABLE "Notifications" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Notifications" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "StoreId" INTEGER NULL,
    "At" TEXT NOT NULL,
    "Key" TEXT NOT NULL,
    "Args" TEXT NULL,
    "Link" TEXT NULL,
    "ReadAt" TEXT NULL
);

CREATE INDEX "IX_ComplaintEvents_ComplaintId_At" ON "ComplaintEvents" ("ComplaintId", "At");

CREATE INDEX "IX_ComplaintLimitEvents_ComplaintId_Limit_Round" ON "ComplaintLimitEvents" ("ComplaintId", "Limit", "Round");

CREATE INDEX "IX_Complaints_CustomerId" ON "Complaints" ("CustomerId");

CREATE INDEX "IX_Complaints_DepartmentId_State" ON "Complaints" ("DepartmentId", "State");

CREATE INDEX "IX_Complaints_ResponsibleUserId" ON "Complaints" ("ResponsibleUserId");

CREATE INDEX "IX_Complaints_StoreId_ReceivedAt" ON "Complaints" ("StoreId", "ReceivedAt");

CREATE INDEX "IX_Complaints_StoreId_State_ReceivedAt" ON "Complaints" ("StoreId", "State", "ReceivedAt");

CREATE INDEX "IX_Notifications_UserId_ReadAt_At" ON "Notifications" ("UserId", "ReadAt", "At");
