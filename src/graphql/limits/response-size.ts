/**
 * Whether the JSON of a result would exceed maxBytes, judged without building
 * it: a walk that adds up what JSON.stringify would write (strings by their
 * UTF-16 length, which is exact for ASCII and under for other text) and stops
 * as soon as the bound is passed. Results share row strings, so a huge answer
 * can be a small object graph; the bytes appear only when stringified.
 */
export function exceedsJsonSize(value: unknown, maxBytes: number): boolean {
  let size = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item === 'string') size += item.length + 2;
    else if (item === null || typeof item !== 'object') size += 8;
    else if (Array.isArray(item)) {
      size += 2 + item.length;
      for (const element of item) stack.push(element);
    } else {
      for (const key in item) {
        size += key.length + 4;
        stack.push((item as Record<string, unknown>)[key]);
      }
    }
    if (size > maxBytes) return true;
  }
  return false;
}
