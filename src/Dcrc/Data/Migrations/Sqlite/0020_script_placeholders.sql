-- DCRC schema version 20 (data only): the default questionnaires and the sales-survey opening carry placeholders
-- instead of the seed's "XX" and the blank before 轿车, so the screen fills in the store, the specialist, the customer
-- as addressed and the vehicle's model. Only texts still as first seeded are changed; an edited one stays as it is.

UPDATE "Questionnaires" SET "Title" = '{store}新车销售调查问卷' WHERE "Title" = 'XX鑫宝新车销售调查问卷';
UPDATE "Questionnaires" SET "Title" = '{store}售后服务调查问卷' WHERE "Title" = 'XX鑫宝售后服务调查问卷';
UPDATE "Questionnaires" SET "Opening" = REPLACE(REPLACE("Opening", '我是一汽丰田XX鑫宝4S店的回访员XX,请问是XX先生/女士吗?', '我是{store}的回访员{me},请问是{customer}吗?'),
    '购买了一辆 轿车?', '购买了一辆{model}?')
    WHERE "Opening" LIKE '%我是一汽丰田XX鑫宝4S店的回访员XX,请问是XX先生/女士吗?%';
UPDATE "ScriptPhrases" SET "Say" = REPLACE("Say", '购买了一辆 轿车?', '购买了一辆{model}?') WHERE "Say" LIKE '%购买了一辆 轿车?%';
