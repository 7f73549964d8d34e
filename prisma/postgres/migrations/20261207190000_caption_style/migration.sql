-- Caption appearance for signed-in viewers (docs/decisions/024-caption-style.md).
ALTER TABLE "User" ADD COLUMN "captionStyle" TEXT;
