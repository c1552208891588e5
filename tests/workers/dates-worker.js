// A Worker for the tests: parses the posted texts with parseMany and one by one, in workerd,
// through the package's workerd entry.
import { JavaDateFormat } from '../../pkg/workerd.js';

export default {
  async fetch(request) {
    const { pattern, texts } = await request.json();
    const f = new JavaDateFormat(pattern);
    const one = texts.map((t) => { try { return f.parse(t); } catch { return null; } });
    return Response.json({ many: Array.from(f.parseMany(texts)), one }); // NaN travels as null
  },
};
