/**
 * A strict reader of RFC 5424 messages, for the tests of the audit shipper:
 * it takes the header apart, reads each structured-data element with its
 * escapes undone (§6.3.3: only `\"`, `\\` and `\]`), and throws on anything
 * malformed, so a test sees what a receiver would.
 */
export interface ParsedSyslog {
  pri: number;
  version: number;
  timestamp: string;
  hostname: string;
  appName: string;
  procId: string;
  msgId: string;
  /** Each SD-ELEMENT's id and its params, in order (a name may repeat). */
  elements: { id: string; params: [string, string][] }[];
  /** Whether MSG starts with the UTF-8 BOM. */
  bom: boolean;
  /** MSG after the BOM. */
  msg: string;
}

const NAME = /^[\x21-\x7e]{1,32}$/;

export function parseSyslog(message: string): ParsedSyslog {
  const header = /^<(\d{1,3})>(\d) (\S+) (\S+) (\S+) (\S+) (\S+) /.exec(message);
  if (!header) throw new Error(`not an RFC 5424 header: ${JSON.stringify(message.slice(0, 120))}`);
  let at = header[0].length;
  const elements: ParsedSyslog["elements"] = [];
  if (message[at] === "-") {
    at += 1;
  } else {
    while (message[at] === "[") {
      at += 1;
      const idEnd = message.slice(at).search(/[ \]]/);
      if (idEnd < 0) throw new Error("unterminated SD-ID");
      const id = message.slice(at, at + idEnd);
      if (!NAME.test(id) || /[="]/.test(id)) throw new Error(`bad SD-ID ${id}`);
      at += idEnd;
      const params: [string, string][] = [];
      while (message[at] === " ") {
        at += 1;
        const eq = message.indexOf("=", at);
        const name = message.slice(at, eq);
        if (!NAME.test(name) || /[ "\]]/.test(name)) throw new Error(`bad PARAM-NAME ${JSON.stringify(name)}`);
        if (message[eq + 1] !== '"') throw new Error(`PARAM-VALUE of ${name} is not quoted`);
        at = eq + 2;
        let value = "";
        for (;;) {
          const char = message[at];
          if (char === undefined) throw new Error(`unterminated PARAM-VALUE of ${name}`);
          if (char === "\\" && ['"', "\\", "]"].includes(message[at + 1] ?? "")) {
            value += message[at + 1];
            at += 2;
            continue;
          }
          if (char === "]") throw new Error(`unescaped ] in PARAM-VALUE of ${name}`);
          at += 1;
          if (char === '"') break;
          value += char;
        }
        params.push([name, value]);
      }
      if (message[at] !== "]") throw new Error(`SD-ELEMENT ${id} not closed at ${at}: ${message.slice(at, at + 20)}`);
      at += 1;
      elements.push({ id, params });
    }
  }
  let rest = message.slice(at);
  if (rest.startsWith(" ")) rest = rest.slice(1);
  else if (rest !== "") throw new Error(`no space before MSG: ${JSON.stringify(rest.slice(0, 20))}`);
  const bom = rest.startsWith("\ufeff");
  return {
    pri: Number(header[1]),
    version: Number(header[2]),
    timestamp: header[3],
    hostname: header[4],
    appName: header[5],
    procId: header[6],
    msgId: header[7],
    elements,
    bom,
    msg: bom ? rest.slice(1) : rest,
  };
}

/** The params of the first element with this id, as an object (later repeats win). */
export function paramsOf(parsed: ParsedSyslog, id = "audit@32473"): Record<string, string> {
  const element = parsed.elements.find((candidate) => candidate.id === id);
  if (!element) throw new Error(`no SD-ELEMENT ${id}`);
  return Object.fromEntries(element.params);
}
