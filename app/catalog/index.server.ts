/** Picks the catalog provider named by CATALOG_PROVIDER (default "local"). */
import { getEnv } from "~/utils/env.server";
import { notFound } from "~/utils/responses.server";
import { createLocalCatalog } from "./local.server";
import type { CatalogProvider } from "./types";

let provider: CatalogProvider | undefined;

export function getCatalog(): CatalogProvider {
  if (!provider) {
    const name = getEnv().CATALOG_PROVIDER;
    switch (name) {
      case "local":
        provider = createLocalCatalog();
        break;
    }
  }
  return provider;
}

/** Throws a 404 Response when the catalog has no such drama. */
export async function requireDrama(dramaId: string) {
  const drama = await getCatalog().getDrama(dramaId);
  if (!drama) throw notFound("Drama not found");
  return drama;
}
