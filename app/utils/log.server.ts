/**
 * Structured logs (pino, one JSON object per line) with the request id of the
 * request being served. Values under keys that look like secrets are
 * redacted wherever they appear — passwords, tokens, cookies and
 * authorization headers never reach a log — and pino's own redaction covers
 * the header paths as a second line.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import pino from "pino";
import { getEnv } from "~/utils/env.server";

// "session" alone would also hide counts such as endedSessions; session tokens match "token".
const SECRET_KEY = /pass(word)?|secret|token|cookie|authorization|session[-_]?(id|key)|api[-_]?key|csrf/i;
export const REDACTED = "[redacted]";

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6 || value === null || typeof value !== "object") return value;
  if (value instanceof Error) {
    return { name: value.name, message: value.message, stack: value.stack };
  }
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = SECRET_KEY.test(key) ? REDACTED : redact(item, depth + 1);
  }
  return out;
}

interface RequestScope {
  requestId: string;
}

const requestScope = new AsyncLocalStorage<RequestScope>();

/** Runs `fn` (the rest of a request) with its id attached to every log line. */
export function withRequestId<T>(requestId: string, fn: () => T): T {
  return requestScope.run({ requestId }, fn);
}

export function currentRequestId(): string | undefined {
  return requestScope.getStore()?.requestId;
}

let logger: pino.Logger | undefined;

/** The logger's settings; `destination` defaults to standard output, written synchronously. */
export function createLogger(destination?: pino.DestinationStream): pino.Logger {
  const options: pino.LoggerOptions = {
    level: getEnv().LOG_LEVEL,
    base: undefined,
    messageKey: "msg",
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: {
      paths: [
        "headers.cookie",
        "headers.authorization",
        "headers['set-cookie']",
        "*.headers.cookie",
        "*.headers.authorization",
      ],
      censor: REDACTED,
    },
    mixin: () => {
      const requestId = currentRequestId();
      return requestId ? { requestId } : {};
    },
  };
  // Standard output is written synchronously: a line is out before the next statement runs, so the lines
  // logged just before process.exit are complete and in order (an asynchronous write still in flight at exit
  // would land after the lines flushed at exit, or not at all). One small write per request costs microseconds.
  return pino(options, destination ?? pino.destination({ dest: 1, sync: true }));
}

function getLogger(): pino.Logger {
  logger ??= createLogger();
  return logger;
}

/** Sends the log to another stream (tests read what was logged). */
export function setLogDestination(destination: pino.DestinationStream): void {
  logger = createLogger(destination);
}

type Level = "debug" | "info" | "warn" | "error";

function write(level: Level, message: string, fields?: Record<string, unknown>) {
  const target = getLogger();
  if (!target.isLevelEnabled(level)) return;
  if (fields) target[level](redact(fields) as Record<string, unknown>, message);
  else target[level](message);
}

export const log = {
  debug: (message: string, fields?: Record<string, unknown>) => write("debug", message, fields),
  info: (message: string, fields?: Record<string, unknown>) => write("info", message, fields),
  warn: (message: string, fields?: Record<string, unknown>) => write("warn", message, fields),
  error: (message: string, fields?: Record<string, unknown>) => write("error", message, fields),
};
