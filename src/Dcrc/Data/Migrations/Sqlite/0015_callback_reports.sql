-- DCRC schema version 15: the right details found for a task on the invalid-information list (不确定客户记录表, 002 表4).
-- (Versions 13 and 14 belong to complaints and the call desk.)

CREATE TABLE "CallbackCorrections" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_CallbackCorrections" PRIMARY KEY AUTOINCREMENT,
    "StoreId" INTEGER NOT NULL,
    "TaskId" INTEGER NOT NULL,
    "CustomerId" INTEGER NOT NULL,
    "At" TEXT NOT NULL,
    "ByUserId" TEXT NULL,
    "ByName" TEXT NULL,
    "OldMobile" TEXT NULL,
    "Name" TEXT NULL,
    "Mobile" TEXT NOT NULL,
    "OtherPhone" TEXT NULL,
    "Note" TEXT NULL
);

CREATE INDEX "IX_CallbackCorrections_TaskId_At" ON "CallbackCorrections" ("TaskId", "At");
