-- The consultant's day and the pool at a million leads.
-- PostgreSQL's 0023 adds covering columns (INCLUDE) to the consultant's-day index; SQLite has no INCLUDE and keeps the
-- index as it was, rebuilt here so both providers stand at the same version.
DROP INDEX "IX_Leads_StoreId_ConsultantUserId_State_NextFollowUpOn";
CREATE INDEX "IX_Leads_StoreId_ConsultantUserId_State_NextFollowUpOn" ON "Leads" ("StoreId", "ConsultantUserId", "State", "NextFollowUpOn");
-- The pool in its order (state, time in the pool, id): a page's ids are read from the index alone, however deep the page.
DROP INDEX "IX_Leads_StoreId_State_PoolSince";
CREATE INDEX "IX_Leads_StoreId_State_PoolSince_Id" ON "Leads" ("StoreId", "State", "PoolSince", "Id");
