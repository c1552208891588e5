// npm start (for now): the date patterns of the seed's iContact instance body, parsed and
// formatted by the npm package exactly as Cloud Elements' JVM did. Grows into the poller.
import { JavaDateFormat, inferJavaDateFormat } from 'element-poller';

// The seed's resources and their date formats (../shared/data/seed/icontact-instance.json).
const seed = {
  contacts: { field: 'createDate', format: "yyyy-MM-dd' 'HH:mm:ss", samples: ['2024-02-29 12:34:56', '2024-11-03 01:30:00', '2024-02-30 08:00:00'] },
  messages: { field: 'createDate', format: "yyyy-MM-dd'T'HH:mm:ssXXX", samples: ['2024-02-29T12:34:56-05:00', '2024-02-29T12:34:56Z', '2024-02-29T12:34:56+0530'] },
};

for (const [resource, { field, format, samples }] of Object.entries(seed)) {
  console.log(`${resource}.${field}  pattern ${format}  (SimpleDateFormat, lenient, zone America/New_York)`);
  const f = new JavaDateFormat(format, { zone: 'America/New_York' });
  for (const s of samples) {
    try {
      const ms = f.parse(s);
      console.log(`  ${s.padEnd(28)} → ${new Date(ms).toISOString()}  (prints back as ${f.format(ms)})`);
    } catch (e) {
      console.log(`  ${s.padEnd(28)} → error ${e.code}: ${e.message}`);
    }
  }
  console.log(`  strftime equivalent: ${f.strftime ?? 'none (Java prints Z for UTC where %:z prints +00:00)'}`);
  console.log(`  inferred from the samples: ${inferJavaDateFormat(samples.slice(0, 1)).slice(0, 3).join(' | ')}\n`);
}
