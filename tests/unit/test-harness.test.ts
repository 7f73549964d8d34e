/** The suite's own machinery: the route helper and the console.error guard. */
import { data, redirect } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import { allowConsoleError } from "../helpers/console";
import { getRequest, postForm } from "../helpers/requests";
import { callRoute, dataOf, TEST_CLIENT_IP } from "../helpers/route";

describe("callRoute", () => {
  it("passes a real Request, the params and the client IP", async () => {
    const request = getRequest("/drama/x");
    const result = await callRoute(
      ({ request: got, params, context }) => ({ same: got === request, params, ip: context.clientIp }),
      request,
      { dramaId: "x" },
    );
    expect(result).toEqual({
      status: 200,
      headers: new Headers(),
      data: { same: true, params: { dramaId: "x" }, ip: TEST_CLIENT_IP },
      thrown: false,
    });
  });

  it("unwraps data(...) with its status and headers", async () => {
    const result = await callRoute(
      () => data({ ok: false }, { status: 400, headers: { "X-Test": "1" } }),
      getRequest("/"),
    );
    expect(result.status).toBe(400);
    expect(result.headers.get("X-Test")).toBe("1");
    expect(dataOf(result)).toEqual({ ok: false });
  });

  it("reads a returned Response", async () => {
    const result = await callRoute(async () => new Response("hello", { status: 201 }), getRequest("/"));
    expect(result).toMatchObject({ status: 201, text: "hello", thrown: false });
    expect(result.data).toBeUndefined();
  });

  it("catches a thrown Response", async () => {
    const result = await callRoute(async () => {
      throw redirect("/login");
    }, getRequest("/"));
    expect(result).toMatchObject({ status: 302, thrown: true });
    expect(result.headers.get("Location")).toBe("/login");
  });

  it("lets real errors through", async () => {
    await expect(
      callRoute(() => {
        throw new TypeError("boom");
      }, getRequest("/")),
    ).rejects.toThrow("boom");
  });

  it("dataOf fails with the status when there is no data", async () => {
    const result = await callRoute(() => new Response("nope", { status: 404 }), getRequest("/"));
    expect(() => dataOf(result)).toThrow(/404: nope/);
  });
});

describe("request helpers", () => {
  it("build urlencoded form posts, with htmx headers on request", async () => {
    const request = postForm("/x", { a: "1", b: 2 }, { htmx: true, cookie: "c=1" });
    expect(request.method).toBe("POST");
    expect(request.headers.get("HX-Request")).toBe("true");
    expect(request.headers.get("Cookie")).toBe("c=1");
    const form = await request.formData();
    expect([...form.entries()]).toEqual([
      ["a", "1"],
      ["b", "2"],
    ]);
    expect(postForm("/x", {}).headers.get("HX-Request")).toBeNull();
  });
});

describe("the console.error guard", () => {
  it("lets a test that opts in log errors, and records them", () => {
    const calls = allowConsoleError();
    console.error("expected in this test");
    expect(calls).toEqual([["expected in this test"]]);
  });

  it.fails("fails a test that logs an unexpected error", () => {
    console.error("unexpected");
  });
});
