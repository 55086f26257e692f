-- DCRC schema version 21: click-to-dial — each dial request of a user, with the call's end as the telephony system reports it.

CREATE TABLE "DialAttempts" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_DialAttempts" PRIMARY KEY AUTOINCREMENT,
    "StoreId" INTEGER NOT NULL,
    "UserId" TEXT NOT NULL,
    "Line" TEXT NOT NULL,
    "CustomerId" INTEGER NOT NULL,
    "CallbackTaskId" INTEGER NULL,
    "RequestId" TEXT NOT NULL,
    "ProviderCallId" TEXT NULL,
    "MaskedNumber" TEXT NOT NULL,
    "Status" INTEGER NOT NULL,
    "Error" TEXT NULL,
    "RequestedAt" TEXT NOT NULL,
    "EndedAt" TEXT NULL,
    "Version" INTEGER NOT NULL
);

CREATE INDEX "IX_DialAttempts_CallbackTaskId" ON "DialAttempts" ("CallbackTaskId");
CREATE INDEX "IX_DialAttempts_ProviderCallId" ON "DialAttempts" ("ProviderCallId");
CREATE UNIQUE INDEX "IX_DialAttempts_RequestId" ON "DialAttempts" ("RequestId");
CREATE INDEX "IX_DialAttempts_UserId_RequestedAt" ON "DialAttempts" ("UserId", "RequestedAt");
