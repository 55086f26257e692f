-- DCRC schema version 7: the calendar days of the time-limit engine — public holidays and make-up working
-- days (调休), for the group (StoreId null) or one store. The working week itself is a set of settings.

CREATE TABLE "CalendarDays" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_CalendarDays" PRIMARY KEY AUTOINCREMENT,
    "StoreId" INTEGER NULL,
    "Date" TEXT NOT NULL,
    "Kind" INTEGER NOT NULL,
    "WorkedAs" INTEGER NULL,
    "Name" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    "UpdatedBy" TEXT NULL
);

CREATE UNIQUE INDEX "IX_CalendarDays_StoreId_Date" ON "CalendarDays" ("StoreId", "Date");

-- One entry per date for the group too (SQLite treats NULL store ids as distinct in the index above).
CREATE UNIQUE INDEX "IX_CalendarDays_Group_Date" ON "CalendarDays" ("Date") WHERE "StoreId" IS NULL;
