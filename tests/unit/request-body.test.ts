import { describe, expect, it } from "vitest";
import { formFields, hasBody, unreadableBodyReason } from "~/utils/request-body.server";

describe("unreadableBodyReason", () => {
  it("reads urlencoded forms in UTF-8 or without a charset, as browsers, htmx and the player send them", () => {
    for (const type of [
      "application/x-www-form-urlencoded",
      "application/x-www-form-urlencoded;charset=UTF-8",
      'Application/X-WWW-Form-Urlencoded; Charset="utf-8"',
    ]) {
      expect(unreadableBodyReason(type, undefined), type).toBeNull();
    }
    expect(unreadableBodyReason("application/x-www-form-urlencoded", "identity")).toBeNull();
  });

  it("refuses every other type, charset and encoding, and a body without a type", () => {
    expect(unreadableBodyReason(undefined, undefined)).toMatch(/\(none\)/);
    expect(unreadableBodyReason("", undefined)).toMatch(/\(none\)/);
    expect(unreadableBodyReason("multipart/form-data; boundary=x", undefined)).toMatch(/multipart/);
    expect(unreadableBodyReason("application/json", undefined)).toMatch(/json/);
    expect(unreadableBodyReason("text/plain;charset=utf-8", undefined)).toMatch(/text\/plain/);
    expect(unreadableBodyReason("application/x-www-form-urlencoded; charset=latin1", undefined)).toMatch(/latin1/);
    expect(unreadableBodyReason("application/x-www-form-urlencoded; charset=", undefined)).toMatch(/charset/);
    expect(unreadableBodyReason("application/x-www-form-urlencoded", "gzip")).toMatch(/gzip/);
  });
});

describe("hasBody", () => {
  it("sees a body in a length above 0 or in chunks", () => {
    expect(hasBody({})).toBe(false);
    expect(hasBody({ "content-length": "0" })).toBe(false);
    expect(hasBody({ "content-length": "12" })).toBe(true);
    expect(hasBody({ "transfer-encoding": "chunked" })).toBe(true);
  });
});

describe("formFields", () => {
  it("reads a form body; nothing, or anything but a buffer, is an empty form", () => {
    expect(formFields(Buffer.from("episodeId=a%20b&seq=1&seq=2&bad=%ZZ"))).toEqual({
      episodeId: "a b",
      seq: "2",
      bad: "%ZZ",
    });
    expect(formFields(Buffer.alloc(0))).toEqual({});
    expect(formFields(undefined)).toEqual({});
    expect(formFields({ episodeId: "x" })).toEqual({});
  });
});
