import type { BuildOptions, Metafile } from "esbuild";

export function nodeBundleOptions(root: string, entry: string, outfile: string): BuildOptions & { metafile: true };
export function serverBundleOptions(root: string): BuildOptions & { metafile: true };
export function appModulesIn(metafile: Metafile): string[];
