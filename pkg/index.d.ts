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
