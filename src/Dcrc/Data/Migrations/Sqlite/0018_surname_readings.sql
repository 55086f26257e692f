-- DCRC schema version 18: a person's surname is also found by its common readings (朴 pu, 单 dan, 缪 mou), and
-- 种 and 秘 take their surname readings (chong, bi). No column changes: the pinyin columns of the archives of
-- individuals with such a surname are cleared here and filled again by the application at start-up
-- (CustomerBackfill), with every reading in their search keys.

UPDATE "Customers" SET "NamePinyin" = NULL
WHERE "Type" = 0 AND substr("Name", 1, 1) IN ('乐', '仇', '六', '区', '单', '句', '召', '员', '啜', '折', '於', '曾', '朴', '查', '牟', '盖', '种', '秘', '繁', '缪', '能', '薄', '解', '郄', '郗', '都');
