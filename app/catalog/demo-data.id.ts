import type { DemoTranslation } from "./demo-data";

export const DEMO_TRANSLATIONS_ID: Record<string, DemoTranslation> = {};
