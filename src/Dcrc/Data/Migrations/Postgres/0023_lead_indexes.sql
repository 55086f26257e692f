-- The consultant's day and the pool at a million leads.
-- The consultant's day counts new (no attempt yet) and late leads: the index carries both, so the counts read it alone.
DROP INDEX "IX_Leads_StoreId_ConsultantUserId_State_NextFollowUpOn";
CREATE INDEX "IX_Leads_StoreId_ConsultantUserId_State_NextFollowUpOn" ON "Leads" ("StoreId", "ConsultantUserId", "State", "NextFollowUpOn") INCLUDE ("Attempts", "LateSince");
-- The pool in its order (state, time in the pool, id): a page's ids are read from the index alone, however deep the page.
DROP INDEX "IX_Leads_StoreId_State_PoolSince";
CREATE INDEX "IX_Leads_StoreId_State_PoolSince_Id" ON "Leads" ("StoreId", "State", "PoolSince", "Id");
