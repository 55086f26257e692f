-- DCRC schema version 5: the main full pinyin and initials of a customer's name, with indexes.
-- Filled by the application (existing rows once at start-up, see CustomerBackfill).

ALTER TABLE "Customers" ADD "NamePinyin" TEXT NULL;

ALTER TABLE "Customers" ADD "NameInitials" TEXT NULL;

CREATE INDEX "IX_Customers_NamePinyin" ON "Customers" ("NamePinyin");

CREATE INDEX "IX_Customers_NameInitials" ON "Customers" ("NameInitials");
