import type { BuildOptions, Metafile } from "esbuild";

export function serverBundleOptions(root: string): BuildOptions & { metafile: true };
export function appModulesIn(metafile: Metafile): string[];
