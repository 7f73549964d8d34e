import type { PluginCreator, Root } from "postcss";

export function resolveVars(
  value: string,
  properties: ReadonlyMap<string, string>,
  seen?: ReadonlySet<string>,
): string | null;
export function foldCalc(value: string): string;
export function staticProperties(root: Root): Map<string, string>;
export interface CssFallbacksOptions {
  /** A stylesheet whose top-level `:root` custom properties every file may use. */
  theme?: string;
}
declare const cssFallbacks: PluginCreator<CssFallbacksOptions>;
export default cssFallbacks;
