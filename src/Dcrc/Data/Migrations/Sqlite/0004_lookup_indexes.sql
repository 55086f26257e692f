-- DCRC schema version 4: indexes found missing by the archive benchmark (bench/README.md).

CREATE INDEX "IX_Customers_Landline" ON "Customers" ("Landline");

CREATE INDEX "IX_Vehicles_DriverMobile" ON "Vehicles" ("DriverMobile");
