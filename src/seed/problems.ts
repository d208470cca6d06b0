/** One thing wrong with the seed files, located precisely enough to fix by hand. */
export interface SeedProblem {
  file: string;
  entry: string;
  field: string;
  message: string;
}

export const describeProblem = (p: SeedProblem) => `${p.file} › ${p.entry} › ${p.field}: ${p.message}`;

/** Refuses the whole seed; lists every problem found, not just the first. */
export class SeedError extends Error {
  override name = 'SeedError';
  constructor(readonly problems: SeedProblem[]) {
    super(
      `Seed refused, nothing was written (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((p) => '  ' + describeProblem(p)).join('\n'),
    );
  }
}
