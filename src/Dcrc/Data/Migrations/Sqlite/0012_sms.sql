-- DCRC schema version 12: the SMS outbox and log (短信发送记录表, 002 表13): messages queued in the callers' transactions and
-- sent by the outbox job, consents and opt-outs per mobile and purpose (rows only added; the latest decides), and
-- every inbound reply, matched or not.

CREATE TABLE "SmsMessages" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_SmsMessages" PRIMARY KEY AUTOINCREMENT,
    "StoreId" INTEGER NOT NULL,
    "CustomerId" INTEGER NULL,
    "CustomerName" TEXT NULL,
    "Mobile" TEXT NOT NULL,
    "Purpose" INTEGER NOT NULL,
    "Reason" TEXT NOT NULL,
    "RelatedId" INTEGER NULL,
    "Body" TEXT NOT NULL,
    "IdempotencyKey" TEXT NOT NULL,
    "Status" INTEGER NOT NULL,
    "BlockedReason" INTEGER NULL,
    "Attempts" INTEGER NOT NULL,
    "NextAttemptAt" TEXT NULL,
    "LastError" TEXT NULL,
    "ProviderMessageId" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "CreatedBy" TEXT NULL,
    "SentAt" TEXT NULL,
    "DeliveredAt" TEXT NULL,
    "Reply" TEXT NULL,
    "RepliedAt" TEXT NULL,
    "Version" INTEGER NOT NULL
);

CREATE TABLE "SmsPreferences" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_SmsPreferences" PRIMARY KEY AUTOINCREMENT,
    "StoreId" INTEGER NULL,
    "Mobile" TEXT NOT NULL,
    "Purpose" INTEGER NOT NULL,
    "Allowed" INTEGER NOT NULL,
    "At" TEXT NOT NULL,
    "Source" INTEGER NOT NULL,
    "Reason" TEXT NULL,
    "By" TEXT NULL
);

CREATE TABLE "SmsReplies" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_SmsReplies" PRIMARY KEY AUTOINCREMENT,
    "MessageId" INTEGER NULL,
    "StoreId" INTEGER NULL,
    "From" TEXT NOT NULL,
    "Text" TEXT NOT NULL,
    "ReceivedAt" TEXT NOT NULL,
    "RecordedAt" TEXT NOT NULL,
    "ProviderReplyId" TEXT NULL,
    "DedupeKey" TEXT NOT NULL,
    "OptOut" INTEGER NOT NULL
);

CREATE INDEX "IX_SmsMessages_Mobile_SentAt" ON "SmsMessages" ("Mobile", "SentAt");

CREATE INDEX "IX_SmsMessages_ProviderMessageId" ON "SmsMessages" ("ProviderMessageId");

CREATE INDEX "IX_SmsMessages_Status_NextAttemptAt" ON "SmsMessages" ("Status", "NextAttemptAt");

CREATE INDEX "IX_SmsMessages_StoreId_CreatedAt" ON "SmsMessages" ("StoreId", "CreatedAt");

CREATE UNIQUE INDEX "IX_SmsMessages_StoreId_IdempotencyKey" ON "SmsMessages" ("StoreId", "IdempotencyKey");

CREATE INDEX "IX_SmsPreferences_Mobile_Purpose_At" ON "SmsPreferences" ("Mobile", "Purpose", "At");

CREATE UNIQUE INDEX "IX_SmsReplies_DedupeKey" ON "SmsReplies" ("DedupeKey");

CREATE INDEX "IX_SmsReplies_MessageId" ON "SmsReplies" ("MessageId");

CREATE INDEX "IX_SmsReplies_ReceivedAt" ON "SmsReplies" ("ReceivedAt");
