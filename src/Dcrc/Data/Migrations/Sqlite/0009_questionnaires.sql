-- DCRC schema version 9: callback questionnaires as data (表1 销售回访问卷, 表2 售后回访问卷), versioned: an edit saves
-- the next version, so answers keep the meaning of the version they were given to. Defaults installed at start-up.

CREATE TABLE "Questionnaires" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Questionnaires" PRIMARY KEY AUTOINCREMENT,
    "Kind" INTEGER NOT NULL,
    "Version" INTEGER NOT NULL,
    "Title" TEXT NOT NULL,
    "Opening" TEXT NOT NULL,
    "Closing" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "CreatedBy" TEXT NULL
);

CREATE TABLE "Questions" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Questions" PRIMARY KEY AUTOINCREMENT,
    "QuestionnaireId" INTEGER NOT NULL,
    "Number" INTEGER NOT NULL,
    "Text" TEXT NOT NULL,
    "Type" INTEGER NOT NULL,
    "Options" TEXT NULL,
    CONSTRAINT "FK_Questions_Questionnaires_QuestionnaireId" FOREIGN KEY ("QuestionnaireId") REFERENCES "Questionnaires" ("Id") ON DELETE RESTRICT
);

CREATE UNIQUE INDEX "IX_Questionnaires_Kind_Version" ON "Questionnaires" ("Kind", "Version");

CREATE UNIQUE INDEX "IX_Questions_QuestionnaireId_Number" ON "Questions" ("QuestionnaireId", "Number");
