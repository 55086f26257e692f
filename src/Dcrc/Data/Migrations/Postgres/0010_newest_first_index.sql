-- DCRC schema version 10: customers newest first (CreatedAt, Id), so that a search matching thousands of
-- archives ("zh", a common surname) reads one page of them from this index instead of fetching and sorting
-- all (bench/README.md). Few matches are still fetched through their own index and sorted.

CREATE INDEX "IX_Customers_CreatedAt_Id" ON "Customers" ("CreatedAt" DESC, "Id" DESC);
