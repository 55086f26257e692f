-- DCRC schema version 3: the customer archive (customers, vehicles, change history, archive number sequences).

CREATE TABLE "ArchiveChanges" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ArchiveChanges" PRIMARY KEY AUTOINCREMENT,
    "CustomerId" INTEGER NOT NULL,
    "VehicleId" INTEGER NULL,
    "Field" TEXT NOT NULL,
    "OldValue" TEXT NULL,
    "NewValue" TEXT NULL,
    "ChangedBy" TEXT NULL,
    "ChangedAt" TEXT NOT NULL
);

CREATE TABLE "ArchiveSequences" (
    "PeriodKey" TEXT NOT NULL CONSTRAINT "PK_ArchiveSequences" PRIMARY KEY,
    "LastValue" INTEGER NOT NULL
);

CREATE TABLE "Customers" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Customers" PRIMARY KEY AUTOINCREMENT,
    "StoreId" INTEGER NOT NULL,
    "ArchiveNumber" TEXT NOT NULL,
    "Type" INTEGER NOT NULL,
    "Status" INTEGER NOT NULL,
    "Name" TEXT NOT NULL,
    "NameKeys" TEXT NOT NULL,
    "Gender" INTEGER NOT NULL,
    "Birthday" TEXT NULL,
    "Ethnicity" TEXT NULL,
    "IdNumberEncrypted" TEXT NULL,
    "IdNumberHash" TEXT NULL,
    "Mobile" TEXT NULL,
    "Landline" TEXT NULL,
    "Province" TEXT NULL,
    "City" TEXT NULL,
    "District" TEXT NULL,
    "Address" TEXT NULL,
    "MailingAddress" TEXT NULL,
    "Postcode" TEXT NULL,
    "Email" TEXT NULL,
    "WeChat" TEXT NULL,
    "PreferredContact" TEXT NULL,
    "ContactTimeSlot" TEXT NULL,
    "Industry" TEXT NULL,
    "Occupation" TEXT NULL,
    "Position" TEXT NULL,
    "IncomeBand" TEXT NULL,
    "Hobbies" TEXT NULL,
    "Personality" TEXT NULL,
    "Clubs" TEXT NULL,
    "Married" INTEGER NULL,
    "WeddingAnniversary" TEXT NULL,
    "Religion" TEXT NULL,
    "Education" TEXT NULL,
    "School" TEXT NULL,
    "LicenceClass" TEXT NULL,
    "LicenceCheckDate" TEXT NULL,
    "YearsDriving" INTEGER NULL,
    "InfoSource" TEXT NULL,
    "Referred" INTEGER NOT NULL,
    "ReferredBy" TEXT NULL,
    "CreditCode" TEXT NULL,
    "Fax" TEXT NULL,
    "Website" TEXT NULL,
    "FoundedOn" TEXT NULL,
    "RegisteredCapital" TEXT NULL,
    "Shareholders" TEXT NULL,
    "Bank" TEXT NULL,
    "BankAccount" TEXT NULL,
    "StaffCount" INTEGER NULL,
    "Nature" TEXT NULL,
    "TradeStanding" TEXT NULL,
    "MainBusiness" TEXT NULL,
    "SideBusiness" TEXT NULL,
    "SalesLast3Years" TEXT NULL,
    "CreditRating" TEXT NULL,
    "OurAdvantages" TEXT NULL,
    "OurWeaknesses" TEXT NULL,
    "Class" INTEGER NOT NULL,
    "Kind" INTEGER NOT NULL,
    "Tags" TEXT NULL,
    "OwnerUserId" TEXT NULL,
    "OwnerDepartmentId" INTEGER NULL,
    "Notes" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "CreatedBy" TEXT NULL,
    "ApprovedAt" TEXT NULL,
    "ApprovedBy" TEXT NULL,
    "Version" INTEGER NOT NULL,
    "MobileLast4" TEXT NULL
);

CREATE TABLE "Vehicles" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Vehicles" PRIMARY KEY AUTOINCREMENT,
    "StoreId" INTEGER NOT NULL,
    "CustomerId" INTEGER NOT NULL,
    "Vin" TEXT NOT NULL,
    "VinLast6" TEXT NOT NULL,
    "PlateNumber" TEXT NULL,
    "Series" TEXT NULL,
    "Model" TEXT NULL,
    "Trim" TEXT NULL,
    "Sfx" TEXT NULL,
    "ExteriorColour" TEXT NULL,
    "InteriorColour" TEXT NULL,
    "CertificateNumber" TEXT NULL,
    "InvoiceNumber" TEXT NULL,
    "PurchaseDate" TEXT NULL,
    "DeliveryDate" TEXT NULL,
    "SalesConsultantId" TEXT NULL,
    "BoughtHere" INTEGER NOT NULL,
    "InsuredHere" INTEGER NOT NULL,
    "PolicyNumber" TEXT NULL,
    "InsuranceDate" TEXT NULL,
    "InsuranceExpiry" TEXT NULL,
    "AnnualInspectionDate" TEXT NULL,
    "Mileage" INTEGER NULL,
    "DriverName" TEXT NULL,
    "DriverMobile" TEXT NULL,
    "KeyCodeEncrypted" TEXT NULL,
    "AudioCodeEncrypted" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_Vehicles_Customers_CustomerId" FOREIGN KEY ("CustomerId") REFERENCES "Customers" ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_ArchiveChanges_CustomerId_ChangedAt" ON "ArchiveChanges" ("CustomerId", "ChangedAt");

CREATE UNIQUE INDEX "IX_Customers_ArchiveNumber" ON "Customers" ("ArchiveNumber");

CREATE INDEX "IX_Customers_CreditCode" ON "Customers" ("CreditCode");

CREATE INDEX "IX_Customers_IdNumberHash" ON "Customers" ("IdNumberHash");

CREATE INDEX "IX_Customers_Mobile" ON "Customers" ("Mobile");

CREATE INDEX "IX_Customers_MobileLast4" ON "Customers" ("MobileLast4");

CREATE INDEX "IX_Customers_Name" ON "Customers" ("Name");

CREATE INDEX "IX_Customers_StoreId_Mobile" ON "Customers" ("StoreId", "Mobile");

CREATE INDEX "IX_Customers_StoreId_OwnerUserId" ON "Customers" ("StoreId", "OwnerUserId");

CREATE INDEX "IX_Vehicles_CustomerId" ON "Vehicles" ("CustomerId");

CREATE INDEX "IX_Vehicles_PlateNumber" ON "Vehicles" ("PlateNumber");

CREATE UNIQUE INDEX "IX_Vehicles_Vin" ON "Vehicles" ("Vin");

CREATE INDEX "IX_Vehicles_VinLast6" ON "Vehicles" ("VinLast6");
