/**
 * "My List": a user's favorite dramas. Every query is scoped by userId. The
 * reads signed-in pages make are hot statements on the primary
 * (app/utils/hot-statements.server.ts); a replica reads through Prisma.
 */
import { isUniqueViolation, prisma, type PrismaClient } from "~/utils/db.server";
import { dateOf, defineHotStatement, hotRow, hotRows } from "~/utils/hot-statements.server";

const IS_FAVORITE = defineHotStatement(
  "favorites-has",
  () => `SELECT "id" FROM "Favorites" WHERE "userId" = $1 AND "dramaId" = $2 LIMIT 1`,
);

const LIST_FAVORITES = defineHotStatement(
  "favorites-list",
  ({ ms }) => `SELECT "dramaId", ${ms('"createdAt"')} AS "createdMs" FROM "Favorites"
    WHERE "userId" = $1 ORDER BY "createdAt" DESC LIMIT $2`,
);

export async function isFavorite(userId: string, dramaId: string): Promise<boolean> {
  return (await hotRow<{ id: string }>(IS_FAVORITE, [userId, dramaId])) !== undefined;
}

/** Adds a drama; adding one twice is not an error. */
export async function addFavorite(userId: string, dramaId: string): Promise<void> {
  try {
    await prisma.favorites.create({ data: { userId, dramaId }, select: { id: true } });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
}

export async function removeFavorite(userId: string, dramaId: string): Promise<void> {
  await prisma.favorites.deleteMany({ where: { userId, dramaId } });
}

/** Newest first. */
export async function listFavorites(
  userId: string,
  take = 100,
  db: PrismaClient = prisma,
): Promise<{ dramaId: string; createdAt: Date }[]> {
  if (db === prisma) {
    const rows = await hotRows<{ dramaId: string; createdMs: number }>(LIST_FAVORITES, [userId, take]);
    return rows.map((row) => ({ dramaId: row.dramaId, createdAt: dateOf(row.createdMs) }));
  }
  return db.favorites.findMany({
    where: { userId },
    orderBy: { createdAt: "desc" },
    take,
    select: { dramaId: true, createdAt: true },
  });
}
