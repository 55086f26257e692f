-- Delivery preparation: the planned handover of an ordered lead and its two reminders.
ALTER TABLE "Leads" ADD "PlannedDeliveryAt" timestamp with time zone;
ALTER TABLE "Leads" ADD "DeliveryFirstReminderAt" timestamp with time zone;
ALTER TABLE "Leads" ADD "DeliverySecondReminderAt" timestamp with time zone;
CREATE INDEX "IX_Leads_PlannedDeliveryAt" ON "Leads" ("PlannedDeliveryAt");
-- A consultant's claims of the day, the report's follow-up rounds and OEM deadlines of a period.
CREATE INDEX "IX_LeadEvents_ByUserId_Kind_At" ON "LeadEvents" ("ByUserId", "Kind", "At");
CREATE INDEX "IX_LeadLimitEvents_Limit_Kind_At" ON "LeadLimitEvents" ("Limit", "Kind", "At");
CREATE INDEX "IX_Leads_StoreId_FeedbackDueAt" ON "Leads" ("StoreId", "FeedbackDueAt");
-- The last consultant who had a lead, kept when it goes to the pool or is lost: the report credits them.
ALTER TABLE "Leads" ADD "LastConsultantName" character varying(50);
UPDATE "Leads" SET "LastConsultantName" = "ConsultantName";
