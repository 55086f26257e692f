-- DCRC schema version 10: search at a million customers (bench/README.md).

-- Customers newest first (CreatedAt, Id): a search matching thousands of archives ("zh", a common surname)
-- reads one page of them from this index instead of fetching and sorting all; a name's few matches are
-- still fetched through their own index and sorted.
CREATE INDEX "IX_Customers_CreatedAt_Id" ON "Customers" ("CreatedAt" DESC, "Id" DESC);

-- Pinyin prefixes with the store: a store's matches come from one index scan instead of being ANDed with a
-- bitmap of the whole store (which made counting "wy" read the table).
DROP INDEX "IX_Customers_NamePinyin";

DROP INDEX "IX_Customers_NameInitials";

CREATE INDEX "IX_Customers_NamePinyin_StoreId" ON "Customers" ("NamePinyin" varchar_pattern_ops, "StoreId");

CREATE INDEX "IX_Customers_NameInitials_StoreId" ON "Customers" ("NameInitials" varchar_pattern_ops, "StoreId");

DROP INDEX "IX_Customers_Name_prefix";

CREATE INDEX "IX_Customers_Name_prefix" ON "Customers" ("Name" varchar_pattern_ops, "StoreId");

-- The planner chooses between fetching and walking by its estimate of how many names start with the letters
-- typed; the default statistics misjudged rare prefixes (liuming, thx) by 30 times and walked half the table.
ALTER TABLE "Customers" ALTER COLUMN "NamePinyin" SET STATISTICS 1000;

ALTER TABLE "Customers" ALTER COLUMN "NameInitials" SET STATISTICS 1000;

ALTER TABLE "Customers" ALTER COLUMN "NameKeys" SET STATISTICS 1000;
