-- DCRC schema version 10: customers newest first (CreatedAt, Id), so that a search matching thousands of
-- archives ("zh", a common surname) reads one page of them from this index instead of fetching and sorting
-- all; a name's few matches are still fetched through their own index and sorted (bench/README.md).

CREATE INDEX "IX_Customers_CreatedAt_Id" ON "Customers" ("CreatedAt" DESC, "Id" DESC);

-- The planner chooses between the two by its estimate of how many names start with the letters typed; the
-- default statistics misjudged rare prefixes (liuming, thx) by 30 times and walked half the table for them.
ALTER TABLE "Customers" ALTER COLUMN "NamePinyin" SET STATISTICS 1000;

ALTER TABLE "Customers" ALTER COLUMN "NameInitials" SET STATISTICS 1000;

ALTER TABLE "Customers" ALTER COLUMN "NameKeys" SET STATISTICS 1000;
