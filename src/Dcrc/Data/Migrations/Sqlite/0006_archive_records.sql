-- DCRC schema version 6: the archive's records — interactions (沟通记录), transactions (sales contracts,
-- repair orders, company deals, with the documents' hand-over to DCRC), documents (一车一档 files), company
-- contacts, the weekly archive check (表14) — and on customers the A/C card, membership, last contacts for
-- the class cadence, and the merge pointer.

ALTER TABLE "Customers" ADD "Card" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "Customers" ADD "CardMovedAt" TEXT NULL;

ALTER TABLE "Customers" ADD "IsMember" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "Customers" ADD "MemberLevel" TEXT NULL;

ALTER TABLE "Customers" ADD "IsVip" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "Customers" ADD "LastCallAt" TEXT NULL;

ALTER TABLE "Customers" ADD "LastVisitAt" TEXT NULL;

ALTER TABLE "Customers" ADD "MergedIntoId" INTEGER NULL;

CREATE TABLE "ArchiveChecks" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ArchiveChecks" PRIMARY KEY AUTOINCREMENT,
    "StoreId" INTEGER NOT NULL,
    "WeekStart" TEXT NOT NULL,
    "Kind" INTEGER NOT NULL,
    "TransactionId" INTEGER NOT NULL,
    "CustomerId" INTEGER NOT NULL,
    "Number" TEXT NOT NULL,
    "Result" INTEGER NOT NULL,
    "Description" TEXT NULL,
    "Responsible" TEXT NULL,
    "Measure" TEXT NULL,
    "CheckedBy" TEXT NULL,
    "CheckedAt" TEXT NULL,
    "Version" INTEGER NOT NULL
);

CREATE TABLE "Documents" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Documents" PRIMARY KEY AUTOINCREMENT,
    "StoreId" INTEGER NOT NULL,
    "CustomerId" INTEGER NOT NULL,
    "VehicleId" INTEGER NULL,
    "TransactionId" INTEGER NULL,
    "Type" INTEGER NOT NULL,
    "Form" INTEGER NOT NULL,
    "Title" TEXT NOT NULL,
    "Pages" INTEGER NOT NULL,
    "Sha256" TEXT NOT NULL,
    "FileName" TEXT NOT NULL,
    "ContentType" TEXT NOT NULL,
    "Size" INTEGER NOT NULL,
    "StoragePath" TEXT NOT NULL,
    "FiledMonth" TEXT NOT NULL,
    "UploadedAt" TEXT NOT NULL,
    "UploadedBy" TEXT NULL
);

CREATE TABLE "Interactions" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Interactions" PRIMARY KEY AUTOINCREMENT,
    "StoreId" INTEGER NOT NULL,
    "CustomerId" INTEGER NOT NULL,
    "VehicleId" INTEGER NULL,
    "Channel" INTEGER NOT NULL,
    "At" TEXT NOT NULL,
    "Summary" TEXT NOT NULL,
    "Outcome" TEXT NULL,
    "ByUserId" TEXT NULL,
    "ByName" TEXT NULL,
    "CreatedAt" TEXT NOT NULL
);

CREATE TABLE "Transactions" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Transactions" PRIMARY KEY AUTOINCREMENT,
    "StoreId" INTEGER NOT NULL,
    "CustomerId" INTEGER NOT NULL,
    "VehicleId" INTEGER NULL,
    "Kind" INTEGER NOT NULL,
    "RepairType" INTEGER NULL,
    "Number" TEXT NOT NULL,
    "Date" TEXT NOT NULL,
    "Amount" TEXT NULL,
    "Mileage" INTEGER NULL,
    "StaffUserId" TEXT NULL,
    "StaffName" TEXT NULL,
    "Place" TEXT NULL,
    "Breach" INTEGER NOT NULL,
    "Note" TEXT NULL,
    "DocumentsDueOn" TEXT NULL,
    "DocumentsReceivedAt" TEXT NULL,
    "DocumentsReceivedBy" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "CreatedBy" TEXT NULL
);

CREATE TABLE "CompanyContacts" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_CompanyContacts" PRIMARY KEY AUTOINCREMENT,
    "CustomerId" INTEGER NOT NULL,
    "Role" INTEGER NOT NULL,
    "Name" TEXT NOT NULL,
    "Position" TEXT NULL,
    "Education" TEXT NULL,
    "Birthday" TEXT NULL,
    "Hobbies" TEXT NULL,
    "Family" TEXT NULL,
    CONSTRAINT "FK_CompanyContacts_Customers_CustomerId" FOREIGN KEY ("CustomerId") REFERENCES "Customers" ("Id") ON DELETE RESTRICT
);

CREATE UNIQUE INDEX "IX_ArchiveChecks_StoreId_WeekStart_TransactionId" ON "ArchiveChecks" ("StoreId", "WeekStart", "TransactionId");

CREATE INDEX "IX_ArchiveChecks_TransactionId" ON "ArchiveChecks" ("TransactionId");

CREATE UNIQUE INDEX "IX_CompanyContacts_CustomerId_Role" ON "CompanyContacts" ("CustomerId", "Role");

CREATE INDEX "IX_Customers_StoreId_Class_LastCallAt" ON "Customers" ("StoreId", "Class", "LastCallAt");

CREATE INDEX "IX_Customers_StoreId_Class_LastVisitAt" ON "Customers" ("StoreId", "Class", "LastVisitAt");

CREATE INDEX "IX_Documents_CustomerId_FiledMonth" ON "Documents" ("CustomerId", "FiledMonth");

CREATE INDEX "IX_Documents_VehicleId" ON "Documents" ("VehicleId");

CREATE INDEX "IX_Interactions_CustomerId_At" ON "Interactions" ("CustomerId", "At");

CREATE INDEX "IX_Interactions_VehicleId_At" ON "Interactions" ("VehicleId", "At");

CREATE INDEX "IX_Transactions_CustomerId_Date" ON "Transactions" ("CustomerId", "Date");

CREATE INDEX "IX_Transactions_StoreId_DocumentsReceivedAt_DocumentsDueOn" ON "Transactions" ("StoreId", "DocumentsReceivedAt", "DocumentsDueOn");

CREATE INDEX "IX_Transactions_StoreId_Kind_Date" ON "Transactions" ("StoreId", "Kind", "Date");

CREATE UNIQUE INDEX "IX_Transactions_StoreId_Kind_Number" ON "Transactions" ("StoreId", "Kind", "Number");

CREATE INDEX "IX_Transactions_VehicleId_Date" ON "Transactions" ("VehicleId", "Date");
