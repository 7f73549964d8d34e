import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  escapedWithin,
  escapeControl,
  escapeParamValue,
  formatSyslog,
  frameOctetCounting,
  MAX_MESSAGE_BYTES,
  sdName,
  type SyslogAuditRow,
  truncateUtf8,
  truncateUtf8Bytes,
} from "~/models/syslog";
import { paramsOf, parseSyslog } from "../helpers/syslog-parse";

const origin = { hostname: "web-1.example", pid: 4242 };

function row(overrides: Partial<SyslogAuditRow> = {}): SyslogAuditRow {
  return {
    seq: 17,
    id: "row-1",
    timestamp: new Date("2026-12-07T10:11:12.345Z"),
    action: "LOGIN_SUCCESS",
    userId: "user-1",
    actorId: "user-1",
    entityType: "Session",
    entityId: "sess-9",
    metadata: { method: "password" },
    ipAddress: "203.0.113.7",
    userAgent: "Mozilla/5.0",
    hash: "ab".repeat(32),
    ...overrides,
  };
}

const text = (message: Buffer) => new TextDecoder("utf-8", { fatal: true }).decode(message);
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

describe("formatSyslog", () => {
  it("writes the RFC 5424 header: authpriv notice, hostname, app, pid, the action as MSGID", () => {
    const parsed = parseSyslog(text(formatSyslog(row(), origin)));
    expect(parsed).toMatchObject({
      pri: 10 * 8 + 5,
      version: 1,
      timestamp: "2026-12-07T10:11:12.345Z",
      hostname: "web-1.example",
      appName: "dracin",
      procId: "4242",
      msgId: "LOGIN_SUCCESS",
      bom: true,
    });
    expect(parsed.msg).toBe("LOGIN_SUCCESS by user user-1 on Session sess-9 from 203.0.113.7");
  });

  it("sends failures and refusals as warnings", () => {
    for (const action of ["LOGIN_FAILURE", "AUTHZ_FAILURE", "OAUTH_FAILURE", "LOGIN_THROTTLED"]) {
      expect(parseSyslog(text(formatSyslog(row({ action }), origin))).pri, action).toBe(84);
    }
    expect(parseSyslog(text(formatSyslog(row({ action: "LOGOUT" }), origin))).pri).toBe(85);
  });

  it("carries the row's fields and metadata in one audit@32473 element", () => {
    const parsed = parseSyslog(
      text(formatSyslog(row({ userId: null, metadata: { method: "password", attempts: 3, ok: true } }), origin)),
    );
    expect(parsed.elements.map((element) => element.id)).toEqual(["audit@32473"]);
    expect(paramsOf(parsed)).toEqual({
      seq: "17",
      id: "row-1",
      action: "LOGIN_SUCCESS",
      // The actor survives the user's deletion (userId null).
      userId: "user-1",
      entityType: "Session",
      entityId: "sess-9",
      ip: "203.0.113.7",
      ua: "Mozilla/5.0",
      hash: "ab".repeat(32),
      method: "password",
      attempts: "3",
      ok: "true",
    });
  });

  it("leaves out fields the row does not have", () => {
    const parsed = parseSyslog(
      text(
        formatSyslog(
          row({ userId: null, actorId: null, entityType: null, entityId: null, ipAddress: null, metadata: null }),
          origin,
        ),
      ),
    );
    expect(Object.keys(paramsOf(parsed))).toEqual(["seq", "id", "action", "ua", "hash"]);
    expect(parsed.msg).toBe("LOGIN_SUCCESS");
  });

  it("keeps a hostile user agent inside its value: ], quotes, backslashes and newlines", () => {
    const ua = 'evil"] [injected@1 x="y"]\\\r\n<34>1 2026-01-01T00:00:00Z forged - - - - fake line';
    const message = text(formatSyslog(row({ userAgent: ua }), origin));
    expect(message).not.toMatch(/[\r\n]/);
    const parsed = parseSyslog(message);
    expect(parsed.elements).toHaveLength(1);
    expect(paramsOf(parsed).ua).toBe(
      'evil"] [injected@1 x="y"]\\\\r\\n<34>1 2026-01-01T00:00:00Z forged - - - - fake line',
    );
    expect(paramsOf(parsed).hash).toBe("ab".repeat(32));
  });

  it("keeps hostile metadata inside its values and sanitises its names", () => {
    const metadata = {
      'a b="c"]': 'x"]\\',
      "line\nbreak": "one\ntwo\u0085three\u2028four\u0000",
      id: "not the row's id",
      "a-very-long-metadata-field-name-that-goes-on": "long",
      "": "empty",
    };
    const message = text(formatSyslog(row({ metadata }), origin));
    for (const char of ["\r", "\n", "\u0085", "\u2028", "\u0000"]) expect(message).not.toContain(char);
    const params = paramsOf(parseSyslog(message));
    expect(params["a_b__c__"]).toBe('x"]\\');
    expect(params.line_break).toBe("one\\ntwo\\u0085three\\u2028four\\u0000");
    // The row's own id is not overwritten by a metadata field of that name.
    expect(params.id).toBe("row-1");
    expect(params["meta.id"]).toBe("not the row's id");
    expect(params["a-very-long-metadata-field-name-"]).toBe("long");
    expect(params._).toBe("empty");
    for (const name of Object.keys(params)) expect(name).toMatch(/^[\x21-\x7e]{1,32}$/);
  });

  it("escapes control characters in the human text so it cannot start a second line", () => {
    const message = text(formatSyslog(row({ entityId: "x\r\n<86>1 - fake" }), origin));
    expect(message.split("\n")).toHaveLength(1);
    expect(parseSyslog(message).msg).toBe(
      "LOGIN_SUCCESS by user user-1 on Session x\\r\\n<86>1 - fake from 203.0.113.7",
    );
  });

  it("puts the UTF-8 BOM right before MSG and keeps non-ASCII text as UTF-8", () => {
    const message = formatSyslog(row({ userAgent: "浏览器 Ünïcode", entityId: "剧集-1" }), origin);
    const bomAt = message.indexOf(BOM);
    expect(bomAt).toBeGreaterThan(0);
    expect(message.subarray(bomAt - 2, bomAt).toString()).toBe("] ");
    expect(paramsOf(parseSyslog(text(message))).ua).toBe("浏览器 Ünïcode");
  });

  it("keeps header fields printable ASCII (or the NILVALUE)", () => {
    const parsed = parseSyslog(text(formatSyslog(row(), { hostname: "bad host\nname", pid: 1 })));
    expect(parsed.hostname).toBe("bad_host_name");
    expect(parseSyslog(text(formatSyslog(row(), { hostname: "", pid: 1 }))).hostname).toBe("-");
  });

  it("stays under the size limit with huge values, cutting values, not the structure", () => {
    const huge = "界".repeat(5_000); // 15,000 bytes
    const message = formatSyslog(
      row({ userAgent: huge, metadata: Object.fromEntries([...Array(300).keys()].map((i) => [`k${i}`, huge])) }),
      origin,
    );
    expect(message.length).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
    const parsed = parseSyslog(text(message));
    const params = paramsOf(parsed);
    expect(params.hash).toBe("ab".repeat(32));
    expect(params.ua?.endsWith("…")).toBe(true);
    expect(params.ua?.startsWith("界界界")).toBe(true);
    expect(params.id).toBe("row-1");
    expect(params.k0?.length).toBeGreaterThan(0);
    // Metadata fields that did not fit are left out from the end, never half-written.
    expect(Object.keys(params).length).toBeLessThan(9 + 300);
  });

  it("cuts the human text first, at a character boundary", () => {
    const entityId = "é".repeat(150);
    const message = formatSyslog(row({ entityId }), origin, 700);
    expect(message.length).toBeLessThanOrEqual(700);
    expect(message.length).toBeGreaterThan(695);
    const parsed = parseSyslog(text(message));
    expect(paramsOf(parsed).entityId).toBe(entityId);
    expect(parsed.bom).toBe(true);
    expect(parsed.msg.startsWith("LOGIN_SUCCESS by user user-1 on Session éé")).toBe(true);
    expect(parsed.msg.length).toBeLessThan(entityId.length);
  });
});

describe("formatSyslog with any input", () => {
  // Any Unicode (lone surrogates, controls, quotes, brackets, backslashes, line separators), any size.
  const hostile = fc.oneof(
    fc.string({ unit: "binary", maxLength: 60 }),
    fc.string({ unit: fc.constantFrom('"', "\\", "]", "[", "=", " ", "\n", "\r", "\u0085", "\u2028", "界", "😀") }),
    fc.string({ unit: "binary", minLength: 3_000, maxLength: 9_000 }),
  );

  it("always gives one well-formed element, on one line, within the limit, in valid UTF-8", () => {
    fc.assert(
      fc.property(
        hostile,
        hostile,
        fc.dictionary(fc.string({ unit: "binary", maxLength: 40 }), hostile, { maxKeys: 12 }),
        fc.integer({ min: 400, max: MAX_MESSAGE_BYTES }),
        (userAgent, entityId, metadata, maxBytes) => {
          const message = formatSyslog(row({ userAgent, entityId, metadata }), origin, maxBytes);
          expect(message.length).toBeLessThanOrEqual(maxBytes);
          const decoded = text(message);
          expect(decoded).not.toMatch(/[\n\r\u0085\u2028\u2029]/);
          const parsed = parseSyslog(decoded);
          expect(parsed.elements).toHaveLength(1);
          expect(parsed.bom).toBe(true);
          const params = paramsOf(parsed);
          // The row's identity always survives whole.
          expect(params).toMatchObject({ seq: "17", id: "row-1", action: "LOGIN_SUCCESS", hash: "ab".repeat(32) });
          // A value that was not cut reads back as written, control characters spelled out.
          // (A lone surrogate is sent as U+FFFD.)
          const ua = Buffer.from(escapeControl(userAgent)).toString();
          if (params.ua !== undefined && !params.ua.endsWith("…")) expect(params.ua).toBe(ua);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("escaping and cutting helpers", () => {
  it("escapes exactly the three PARAM-VALUE characters, after spelling out control characters", () => {
    expect(escapeParamValue('a"b\\c]d[e')).toBe('a\\"b\\\\c\\]d[e');
    expect(escapeControl("a\tb\u001b[31m\u007f")).toBe("a\\tb\\u001b[31m\\u007f");
  });

  it("cuts an escaped value between whole escapes, never inside one", () => {
    // On the wire a NUL is `\\u0000` (7 bytes): the control escape, its backslash escaped in turn.
    expect(escapedWithin("\u0000".repeat(100), 20)).toBe("\\\\u0000\\\\u0000…");
    expect(escapedWithin('a"b', 3)).toBe("…");
    expect(escapedWithin('a"b]', 10)).toBe('a\\"b\\]');
    expect(escapedWithin("界界界", 7)).toBe("界…");
  });

  it("limits SD names to 32 allowed characters", () => {
    expect(sdName("ok.name-1")).toBe("ok.name-1");
    expect(sdName('x y=z"]')).toBe("x_y_z__");
    expect(sdName("é")).toBe("_");
    expect(sdName("a".repeat(40))).toBe("a".repeat(32));
  });

  it("truncates UTF-8 text and bytes without splitting a character", () => {
    expect(truncateUtf8("aé界😀", 1)).toBe("a");
    expect(truncateUtf8("aé界😀", 2)).toBe("a");
    expect(truncateUtf8("aé界😀", 3)).toBe("aé");
    expect(truncateUtf8("aé界😀", 9)).toBe("aé界");
    expect(truncateUtf8("aé界😀", 10)).toBe("aé界😀");
    const bytes = Buffer.from("aé界😀");
    for (let max = 0; max <= bytes.length; max += 1) {
      const cut = truncateUtf8Bytes(bytes, max);
      expect(cut.length).toBeLessThanOrEqual(max);
      expect(() => text(cut)).not.toThrow();
      expect("aé界😀".startsWith(text(cut))).toBe(true);
    }
    expect(truncateUtf8Bytes(bytes, 6).toString()).toBe("aé界");
    expect(truncateUtf8Bytes(bytes, 9).toString()).toBe("aé界");
  });

  it("frames for TCP by octet counting: the byte length, a space, the message", () => {
    const message = formatSyslog(row({ userAgent: "界" }), origin);
    const frame = frameOctetCounting(message);
    const space = frame.indexOf(0x20);
    expect(Number(frame.subarray(0, space).toString())).toBe(message.length);
    // Bytes, not characters: the BOM and "界" are 3 bytes each.
    expect(message.length).toBe(text(message).length + 4);
    expect(frame.subarray(space + 1).equals(message)).toBe(true);
    expect(frameOctetCounting(Buffer.from("héllo")).toString()).toBe("6 héllo");
  });
});
