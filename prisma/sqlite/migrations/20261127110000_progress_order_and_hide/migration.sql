-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_UserProgress" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "episodeId" TEXT NOT NULL,
    "dramaId" TEXT NOT NULL,
    "currentTime" INTEGER NOT NULL,
    "duration" INTEGER NOT NULL,
    "completed" BOOLEAN NOT NULL DEFAULT false,
    "clientSeq" REAL NOT NULL DEFAULT 0,
    "hiddenAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "UserProgress_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_UserProgress" ("completed", "createdAt", "currentTime", "dramaId", "duration", "episodeId", "id", "updatedAt", "userId") SELECT "completed", "createdAt", "currentTime", "dramaId", "duration", "episodeId", "id", "updatedAt", "userId" FROM "UserProgress";
DROP TABLE "UserProgress";
ALTER TABLE "new_UserProgress" RENAME TO "UserProgress";
CREATE INDEX "UserProgress_userId_idx" ON "UserProgress"("userId");
CREATE UNIQUE INDEX "UserProgress_userId_episodeId_key" ON "UserProgress"("userId", "episodeId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

