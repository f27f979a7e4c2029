-- Teams tenant ids are GUIDs, which Microsoft may write in either case; the bot now reads them in
-- lower case. Existing Teams organisations get the lower-case id, unless a lower-case twin exists
-- already (one tenant that earlier code split into two organisations): merging those needs a
-- person's decision, so both rows stay and the lower-case one is the one used from now on.
WITH renamed AS (
  SELECT DISTINCT ON (lower("externalId")) "id", lower("externalId") AS "lowered"
  FROM "Organisation" o
  WHERE o."platform" = 'teams'
    AND o."externalId" <> lower(o."externalId")
    AND NOT EXISTS (SELECT 1 FROM "Organisation" t WHERE t."platform" = 'teams' AND t."externalId" = lower(o."externalId"))
  ORDER BY lower("externalId"), "createdAt", "id"
)
UPDATE "Organisation" SET "externalId" = renamed."lowered" FROM renamed WHERE "Organisation"."id" = renamed."id";
