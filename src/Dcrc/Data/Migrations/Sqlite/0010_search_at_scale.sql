-- DCRC schema version 10: search at scale — customers newest first, pinyin prefixes with the store.

CREATE INDEX "IX_Customers_CreatedAt_Id" ON "Customers" ("CreatedAt" DESC, "Id" DESC);

DROP INDEX "IX_Customers_NamePinyin";

DROP INDEX "IX_Customers_NameInitials";

CREATE INDEX "IX_Customers_NamePinyin_StoreId" ON "Customers" ("NamePinyin", "StoreId");

CREATE INDEX "IX_Customers_NameInitials_StoreId" ON "Customers" ("NameInitials", "StoreId");
