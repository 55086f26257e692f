-- Delivery preparation: the planned handover of an ordered lead and its two reminders.
ALTER TABLE "Leads" ADD "PlannedDeliveryAt" TEXT NULL;
ALTER TABLE "Leads" ADD "DeliveryFirstReminderAt" TEXT NULL;
ALTER TABLE "Leads" ADD "DeliverySecondReminderAt" TEXT NULL;
CREATE INDEX "IX_Leads_PlannedDeliveryAt" ON "Leads" ("PlannedDeliveryAt");
