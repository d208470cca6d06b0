// Copying a quote from a web page or a word processor changes its typography:
// curly quotes become straight ones, dashes hyphens, runs of spaces one space.
// A quote that differs from its article only so is found here, and the
// article's own text offered in its place.

const FOLD: Record<string, string> = {
  '\u2018': "'", // ‘
  '\u2019': "'", // ’
  '\u201A': "'", // ‚
  '\u201B': "'", // ‛
  '\u2032': "'", // ′
  '`': "'",
  '\u00B4': "'", // ´
  '\u201C': '"', // “
  '\u201D': '"', // ”
  '\u201E': '"', // „
  '\u201F': '"', // ‟
  '\u2033': '"', // ″
  '\u00AB': '"', // «
  '\u00BB': '"', // »
  '\u2010': '-', // hyphen
  '\u2011': '-', // non-breaking hyphen
  '\u2012': '-', // figure dash
  '\u2013': '-', // en dash
  '\u2014': '-', // em dash
  '\u2015': '-', // horizontal bar
  '\u2212': '-', // minus
};

/** The text with its typography folded, and where each folded character came from. */
function folded(text: string): { text: string; from: number[] } {
  let out = '';
  const from: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      // A run of white space, of any kind, is one space.
      if (out.endsWith(' ')) continue;
      out += ' ';
    } else out += FOLD[c] ?? c;
    from.push(i);
  }
  return { text: out, from };
}

/**
 * The passage of `body` that `quote` matches once quotation marks,
 * apostrophes, dashes and white space are folded; undefined when none does.
 */
export function nearQuote(body: string, quote: string): string | undefined {
  const wanted = folded(quote.trim()).text;
  if (!wanted) return undefined;
  const haystack = folded(body);
  const at = haystack.text.indexOf(wanted);
  if (at < 0) return undefined;
  const start = haystack.from[at]!;
  const end = haystack.from[at + wanted.length - 1]!;
  return body.slice(start, end + 1);
}
