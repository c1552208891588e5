// The public API, shared by every host. Wires the generated glue; no engine logic here.
import * as raw from './dist/web/element_poller.js';

export class JavaDateFormat extends raw.JavaDateFormat {
  /** The equivalent chrono strftime string, or null. */
  get strftime() {
    return super.strftime ?? null;
  }

  /** One boundary crossing for the whole array: the texts travel joined by U+0000. */
  parseMany(texts) {
    if (!Array.isArray(texts)) throw new TypeError('parseMany expects an array of strings');
    const all = raw.JavaDateFormat.prototype.parseJoined.call(this, texts.join('\u0000'), texts.length);
    if (all !== undefined) return all;
    // A text contained U+0000: parse one by one.
    return Float64Array.from(texts, (t) => {
      try { return this.parse(String(t)); } catch { return NaN; }
    });
  }
}

export function inferJavaDateFormat(samples) {
  if (!Array.isArray(samples)) throw new TypeError('inferJavaDateFormat expects an array of strings');
  return raw.inferJavaDateFormat(samples.map(String));
}
