/** Options of {@link JavaDateFormat}. Defaults are Java's, as Cloud Elements ran it. */
export interface JavaDateFormatOptions {
  /** `"simple"`: java.text.SimpleDateFormat (default). `"java.time"`: DateTimeFormatter.ofPattern. */
  dialect?: 'simple' | 'java.time';
  /** Zone for fields the text lacks and for formatting: IANA name, `"UTC"`, `"GMT"`, `"PST"`, `"+05:30"`… Default `"UTC"`. */
  zone?: string;
  /** simple: `setLenient` (default `true`, as Java). Ignored by java.time. */
  lenient?: boolean;
  /** java.time: `ResolverStyle` (default `"smart"`). Ignored by simple. */
  resolver?: 'smart' | 'strict' | 'lenient';
  /** Epoch ms that anchors SimpleDateFormat's two-digit-year window (default: the current time). */
  now?: number;
}

/** Thrown by the constructor (`EPATTERN`, `EZONE`, `EOPTIONS`) and by `parse` (`EPARSE`). */
export interface JavaDateFormatError extends Error {
  code: 'EPATTERN' | 'EZONE' | 'EOPTIONS' | 'EPARSE' | 'ERANGE';
  /** 1-based column in the pattern (EPATTERN) or in the parsed text (EPARSE), counted in characters. */
  column?: number;
}

/** A Java date pattern compiled once, parsed and formatted exactly as Java 17 does. */
export class JavaDateFormat {
  /** @throws {JavaDateFormatError} when Java would reject the pattern, or the zone is unknown. */
  constructor(pattern: string, options?: JavaDateFormatOptions);
  /** Epoch milliseconds. @throws {JavaDateFormatError} (code `EPARSE`) naming the column. */
  parse(text: string): number;
  /** Epoch milliseconds for each text, in one call; `NaN` where a text does not parse. */
  parseMany(texts: readonly string[]): Float64Array;
  /** The text Java prints for an instant, in the format's zone or in `zone`. */
  format(epochMs: number, zone?: string): string;
  /** The chrono strftime string that prints exactly the same, or `null` when none exists. */
  readonly strftime: string | null;
  /** The pattern as given. */
  readonly pattern: string;
  /** Frees the wasm memory now instead of at garbage collection. */
  free(): void;
}

/** Candidate Java patterns for sample dates, best first (an exact round trip ranks first). */
export function inferJavaDateFormat(samples: readonly string[]): string[];

/** One finding of {@link validateInstance}. Codes are stable; the README lists them. */
export interface Diagnostic {
  severity: 'error' | 'warning' | 'info';
  code: string;
  /** JSON pointer into the instance body; inside a stringified `event.poller.configuration` it continues into it. */
  path: string;
  /** What is wrong, and what to write instead. Never contains a secret. */
  message: string;
  /** 1-based line in the text given (absent when an object was given). */
  line?: number;
  /** 1-based column in UTF-16 code units, as JavaScript strings and editors count (absent when an object was given). */
  column?: number;
}

export interface ValidationReport {
  /** No error-severity diagnostic. */
  ok: boolean;
  /** Sorted by position. */
  diagnostics: Diagnostic[];
  /**
   * The normalized body: poller configuration as an object, numbers and booleans as such,
   * legacy `event.poller.urls` migrated, defaults explicit, secrets replaced by `"********"`.
   * Absent when the text could not be read as JSON at all.
   */
  instance?: Record<string, unknown>;
}

/** Validates an element-instance body: a JSON string (diagnostics with line and column) or an object. Never throws. */
export function validateInstance(input: string | object): ValidationReport;

/** The JSON Schema (draft 2020-12) of the instance body; also the package file `element-poller/schema.json`. */
export function instanceSchema(): Record<string, unknown>;

/** One change of one record. */
export interface DetectedEvent {
  /** Stable: derived from (instance, resource, object id, version, type); the same on every retry and re-poll. */
  id: string;
  eventType: 'CREATED' | 'UPDATED' | 'DELETED';
  /** The record's id (`idField`); absent when none is configured. */
  objectId?: string;
  /** The resource name. */
  objectType: string;
  /** The record's updated (or created) time in epoch ms; the poll time for DELETED and in hash mode. */
  date: number;
  /** Index of the record in the page's records. */
  record?: number;
}

export interface DetectStats {
  records: number; delivered: number; old: number; duplicates: number; unchanged: number; baseline: number; deleted: number;
  /** Records that produced no event (or an UPDATED in place of a CREATED), with the reason. */
  bad: Array<{ index: number; objectId?: string; reason: string }>;
}

/** Change detection for one resource, over raw page text. */
export class Detector {
  /** @throws Error with `code` EINSTANCE (invalid instance), ERESOURCE, EOPTIONS. */
  constructor(instance: string | object, resource: string, options?: { instanceId?: string; recordsPath?: string });
  /**
   * Events of one page, ordered by date, and the state to save once they were acknowledged.
   * @throws Error with `code` EPAGE (not JSON, no records at recordsPath) or ESTATE (another version or configuration).
   */
  detect(page: string, state?: object | null, now?: number): { events: DetectedEvent[]; state: object; stats: DetectStats };
  free(): void;
}

/** What one poll cycle did for one resource. */
export interface ResourceReport {
  resource: string;
  pages: number;
  /** Records fetched. */
  fetched: number;
  /** Events detected. */
  events: number;
  /** Events acknowledged by the callback. */
  delivered: number;
  notifications: number;
  /** Records that produced no event, with the reason. */
  skipped: Array<{ index: number; objectId?: string; reason: string }>;
  errors: string[];
  /** Whether the new state was saved (everything delivered, not a dry run). */
  committed: boolean;
  /** The cursor (epoch ms) after this cycle. */
  cursor?: number;
  /** The page budget stopped paging early; the next cycle resumes. */
  truncated: boolean;
  eventIds: string[];
  /** Acknowledged notifications: [eventId of the notification, number of events]. */
  notificationIds: Array<[string, number]>;
  fetchMs: number; detectMs: number; deliverMs: number;
}

export interface PollReport { started: number; finished: number; resources: ResourceReport[] }

export interface PollerOptions {
  /** What `state()` returned after the last acknowledged cycle. */
  state?: object | null;
  /** The clock, epoch ms (default `Date.now`). */
  now?: () => number;
  /** Fetch and detect, but neither deliver nor commit. */
  dryRun?: boolean;
  /** The fetch to use (default the global one). */
  fetch?: typeof fetch;
  /** Goes into event ids and the callback body (default: the instance's name). */
  instanceId?: string;
  retry?: { attempts?: number; baseMs?: number; capMs?: number };
  timeoutMs?: number;
  /** Pages per resource per cycle. */
  maxPages?: number;
  /** Paging time per resource per cycle, ms (default 10 minutes). */
  maxMs?: number;
  /** Resources whose saved state is dropped (they start again at "now"), e.g. after changing their idField. */
  reset?: string[];
}

/** Polls, detects, delivers signed notifications; the state moves only after acknowledgement. */
export class Poller {
  /** @throws Error with `code` EINSTANCE, ESTATE or EOPTIONS. */
  constructor(instance: string | object, options?: PollerOptions);
  pollOnce(): Promise<PollReport>;
  /** JSON-serializable and versioned; save it after each cycle. */
  state(): object;
  /** The first request of each resource if a cycle ran at `now` (placeholders rendered); no I/O. */
  preview(now?: number): Array<{ resource: string; url: string }>;
  readonly refreshIntervalMinutes: number;
}

/** Checks a callback as a receiver: Standard Webhooks for `whsec_` secrets, else Elements-Webhook-Signature. */
export function verifySignature(request: {
  body: string | Uint8Array | ArrayBuffer;
  headers: Record<string, string | string[] | undefined> | Headers;
  secret: string;
  now?: number;
  toleranceSeconds?: number;
}): { ok: true } | { ok: false; reason: string };
