-- DCRC schema version 5: the main full pinyin and initials of a customer's name, with prefix indexes, so that
-- pinyin search ("zs", "zhangsan") uses an index at a million customers. Filled by the application
-- (existing rows once at start-up, see CustomerBackfill).

ALTER TABLE "Customers" ADD "NamePinyin" character varying(200);

ALTER TABLE "Customers" ADD "NameInitials" character varying(60);

CREATE INDEX "IX_Customers_NamePinyin" ON "Customers" ("NamePinyin" varchar_pattern_ops);

CREATE INDEX "IX_Customers_NameInitials" ON "Customers" ("NameInitials" varchar_pattern_ops);
