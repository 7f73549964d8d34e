-- The viewer's chosen language (docs/decisions/019-user-locale.md).
ALTER TABLE "User" ADD COLUMN "locale" TEXT;
