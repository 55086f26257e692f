-- DCRC schema version 19: a complaint call keeps the category the agent heard, for the complaint form opened from it;
-- a complaint's satisfaction callback links back to its complaint (as new ones do since this version).

ALTER TABLE "CallLogs" ADD "ComplaintCategory" integer NULL;

UPDATE "CallbackTasks" SET "ComplaintId" = "SourceId" WHERE "Kind" = 8 AND "ComplaintId" IS NULL;
