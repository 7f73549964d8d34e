/** "My List": a user's favorite dramas. Every query is scoped by userId. */
import { isUniqueViolation, prisma, type PrismaClient } from "~/utils/db.server";

export async function isFavorite(userId: string, dramaId: string): Promise<boolean> {
  const row = await prisma.favorites.findUnique({
    where: { userId_dramaId: { userId, dramaId } },
    select: { id: true },
  });
  return row !== null;
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
  return db.favorites.findMany({
    where: { userId },
    orderBy: { createdAt: "desc" },
    take,
    select: { dramaId: true, createdAt: true },
  });
}
