export const SCRIPT_ECMA_VERSION: 2017;
export function esbuildTarget(): string[];
