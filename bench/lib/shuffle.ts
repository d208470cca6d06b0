// Each round times the variants in a fresh order, so no variant always follows the same one.

/** A new array with the list's items in random order (Fisher–Yates). */
export function shuffle<T>(list: T[]): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
