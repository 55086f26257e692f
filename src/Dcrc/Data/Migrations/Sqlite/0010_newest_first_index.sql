-- DCRC schema version 10: customers newest first (CreatedAt, Id), for searches matching thousands of archives.

CREATE INDEX "IX_Customers_CreatedAt_Id" ON "Customers" ("CreatedAt" DESC, "Id" DESC);
