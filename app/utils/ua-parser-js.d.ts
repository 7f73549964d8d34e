/**
 * Types for ua-parser-js 1.0.41, which ships none (only what
 * app/utils/user-agent.server.ts uses). The package is CommonJS:
 * module.exports is the UAParser constructor.
 */
declare module "ua-parser-js" {
  interface UAParserPart {
    name?: string;
    version?: string;
  }
  interface UAParserResult {
    ua: string;
    browser: UAParserPart & { major?: string };
    engine: UAParserPart;
    os: UAParserPart;
    device: { vendor?: string; model?: string; type?: string };
    cpu: { architecture?: string };
  }
  class UAParser {
    constructor(ua?: string);
    getResult(): UAParserResult;
  }
  export default UAParser;
}
