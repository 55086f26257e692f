-- DCRC schema version 25: service retention — maintenance plans, each vehicle's forecast, the maintenance list's follow-up, the odometer change of a repair order.

CREATE TABLE "MaintenancePlans" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_MaintenancePlans" PRIMARY KEY AUTOINCREMENT,
    "StoreId" INTEGER NOT NULL,
    "Series" TEXT NOT NULL,
    "Model" TEXT NOT NULL,
    "FirstKm" INTEGER NOT NULL,
    "FirstMonths" INTEGER NOT NULL,
    "IntervalKm" INTEGER NOT NULL,
    "IntervalMonths" INTEGER NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    "UpdatedBy" TEXT NULL,
    "Version" INTEGER NOT NULL
);
CREATE UNIQUE INDEX "IX_MaintenancePlans_StoreId_Series_Model" ON "MaintenancePlans" ("StoreId", "Series", "Model");

CREATE TABLE "VehicleForecasts" (
    "VehicleId" INTEGER NOT NULL CONSTRAINT "PK_VehicleForecasts" PRIMARY KEY,
    "StoreId" INTEGER NOT NULL,
    "CustomerId" INTEGER NOT NULL,
    "KmPerDay" TEXT NOT NULL,
    "Pace" INTEGER NOT NULL,
    "LastKm" INTEGER NULL,
    "LastReadOn" TEXT NULL,
    "Kind" INTEGER NOT NULL,
    "DueOn" TEXT NOT NULL,
    "DueKm" INTEGER NOT NULL,
    "By" INTEGER NOT NULL,
    "PlanId" INTEGER NULL,
    "CycleFrom" TEXT NOT NULL,
    "AdvisorUserId" TEXT NULL,
    "AdvisorName" TEXT NULL,
    "ComputedAt" TEXT NOT NULL
);
CREATE INDEX "IX_VehicleForecasts_StoreId_DueOn" ON "VehicleForecasts" ("StoreId", "DueOn");
CREATE INDEX "IX_VehicleForecasts_CustomerId" ON "VehicleForecasts" ("CustomerId");
CREATE INDEX "IX_VehicleForecasts_StoreId_AdvisorUserId_DueOn" ON "VehicleForecasts" ("StoreId", "AdvisorUserId", "DueOn");

CREATE TABLE "MaintenanceFollowUps" (
    "VehicleId" INTEGER NOT NULL CONSTRAINT "PK_MaintenanceFollowUps" PRIMARY KEY,
    "StoreId" INTEGER NOT NULL,
    "CycleFrom" TEXT NOT NULL,
    "Status" INTEGER NOT NULL,
    "At" TEXT NOT NULL,
    "ByUserId" TEXT NULL,
    "ByName" TEXT NULL,
    "Note" TEXT NULL,
    "Version" INTEGER NOT NULL
);

ALTER TABLE "Transactions" ADD "OdometerChanged" INTEGER NOT NULL DEFAULT 0;
