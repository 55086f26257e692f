-- Delivery preparation: the planned handover of an ordered lead and its two reminders.
ALTER TABLE "Leads" ADD "PlannedDeliveryAt" timestamp with time zone;
ALTER TABLE "Leads" ADD "DeliveryFirstReminderAt" timestamp with time zone;
ALTER TABLE "Leads" ADD "DeliverySecondReminderAt" timestamp with time zone;
CREATE INDEX "IX_Leads_PlannedDeliveryAt" ON "Leads" ("PlannedDeliveryAt");
