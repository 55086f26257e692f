-- DCRC schema version 4: indexes found missing by the archive benchmark (bench/README.md).
-- Screen pop by landline and by the driver's mobile; name prefixes (short fragments) whatever the collation.

CREATE INDEX "IX_Customers_Landline" ON "Customers" ("Landline");

CREATE INDEX "IX_Vehicles_DriverMobile" ON "Vehicles" ("DriverMobile");

CREATE INDEX "IX_Customers_Name_prefix" ON "Customers" ("Name" varchar_pattern_ops);
