// Texts that take every road through parseMany: the fixed layout, the step reader, the full
// parser, non-ASCII, failures, and enough of them to cross its 4,096-text chunks.
export const samplePattern = "EEE, dd MMM yyyy HH:mm:ss Z";

export function sampleTexts(n = 10_000) {
  const kinds = [
    (i) => `Thu, 29 Feb 2024 ${String(i % 24).padStart(2, '0')}:34:56 +0530`,
    (i) => `thursday, 29 feb 2024 12:34:${String(i % 60).padStart(2, '0')} -0800`,
    () => 'Mon, 29 Feb 2024 12:34:56 +0000', // a wrong day name: lenient Java ignores it
    () => 'Thu, 29 Feb 2024 12:34:56 GMT',
    (i) => `Thu, 29 Feb 2024 12:34:56 +0000${'é'.repeat(i % 4)}`,
    () => 'no date here',
    () => '',
  ];
  return Array.from({ length: n }, (_, i) => kinds[(i * 7919) % kinds.length](i));
}
