/**
 * Forge's documented limits, as the local runtime enforces them. Sources: developer.atlassian.com
 * "KVS and Custom Entity Store limits", "Invocation limits", "Async events API" and the function and
 * consumer module references (read late 2026). Where the documents disagree, the stricter number is here.
 */
export const KVS_LIMITS = {
  keyLength: 500,
  /** "Key format": letters, digits, `:`, `.`, `_`, `-`, `#` and white space, not only white space. */
  keyPattern: /^(?!\s+$)[a-zA-Z0-9:._\s\-#]+$/,
  valueBytes: 240 * 1024,
  /** The limits page says 31, the error page 32. */
  objectDepth: 31,
  queryDefault: 10,
  queryMax: 100,
  batchKeys: 25,
  batchBytes: 4 * 1024 * 1024,
  transactionOps: 25,
  transactionBytes: 4 * 1024 * 1024,
  /** Per installation and minute, counted in units of 10 KB of request size, rounded up. */
  readUnitsPerMinute: 4_000,
  writeUnitsPerMinute: 4_000,
  unitBytes: 10 * 1024,
  /** An empty read still counts (billing counts it as 1 KB; the rate limit as one unit). */
  ttlMaxSeconds: 365 * 24 * 3600,
} as const;

export const INVOCATION_LIMITS = {
  /** UI resolvers and the macro's export: the product waits for them. */
  uiSeconds: 25,
  /** Consumers and scheduled triggers without `timeoutSeconds`. */
  backgroundDefaultSeconds: 55,
  backgroundMaxSeconds: 900,
  requestBytes: 500 * 1024,
  responseBytes: 5 * 1024 * 1024,
  memoryMB: 512,
} as const;

export const QUEUE_LIMITS = {
  eventsPerPush: 50,
  pushBytes: 200 * 1024,
  maxDelaySeconds: 900,
  maxRetryAfterSeconds: 900,
  /** Events are retried with a growing delay until delivered or this window passes. */
  retentionMs: 24 * 3_600_000,
  firstRetryMs: 1_000,
  maxRetryMs: 15 * 60_000,
} as const;
