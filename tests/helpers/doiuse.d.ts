// The part of doiuse 6 that tests/helpers/css-support.ts uses (the package ships its types under
// types/, which its package.json does not point to).
declare module "doiuse" {
  import type { Node, TransformCallback } from "postcss";

  /** caniuse agent (chrome, ios_saf, op_mini, …) → version → support code. */
  export type SupportData = Record<string, Record<string, string>>;

  export interface FeatureUsage {
    /** The caniuse feature id, e.g. "css-math-functions". */
    feature: string;
    featureData: {
      title: string;
      missing?: string;
      missingData?: SupportData;
      partial?: string;
      partialData?: SupportData;
    };
    usage: Node;
    message: string;
  }

  export interface DoIUseOptions {
    browsers?: string | string[];
    ignore?: string[];
    onFeatureUsage?: (usage: FeatureUsage) => void;
  }

  /** A PostCSS plugin (an object with a `postcss` method). */
  export default function doiuse(options?: DoIUseOptions): { postcss: TransformCallback };
}
