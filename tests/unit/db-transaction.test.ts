import { describe, expect, it } from "vitest";
import { isSerializationFailure } from "~/utils/db.server";

describe("isSerializationFailure", () => {
  it("recognises Prisma's P2034 and the adapter's refused COMMIT, nothing else", () => {
    expect(isSerializationFailure({ code: "P2034" })).toBe(true);
    const commitRefused = Object.assign(new Error("TransactionWriteConflict"), {
      name: "DriverAdapterError",
      cause: { kind: "TransactionWriteConflict" },
    });
    expect(isSerializationFailure(commitRefused)).toBe(true);
    expect(isSerializationFailure({ code: "P2002" })).toBe(false);
    expect(
      isSerializationFailure(
        Object.assign(new Error("x"), { name: "DriverAdapterError", cause: { kind: "UniqueConstraintViolation" } }),
      ),
    ).toBe(false);
    expect(isSerializationFailure(new Error("TransactionWriteConflict"))).toBe(false);
    expect(isSerializationFailure(null)).toBe(false);
  });
});
