/**
 * Tickers as news writes them: "0700.HK", "700 HK", "HKEX: 9988", "(9988.HK)",
 * "stock code 2899", "300750.SZ", "SH600519", "NYSE: BABA". Normalised to a
 * code and, where the text says, the exchange's MIC: "0700.HK" and "700" on
 * XHKG are one listing.
 */
export interface Ticker {
  /** Upper-case; a numeric code without leading zeros (each market's codes have a fixed width, so nothing is lost). */
  code: string;
  /** The exchange the text names, or null where it names none ("stock code 2899"). */
  mic: string | null;
}

// Suffixes (Reuters, Bloomberg and Yahoo styles) and prefixes that name an exchange.
const exchangeNames: Record<string, string> = {
  HK: 'XHKG',
  HKG: 'XHKG',
  HKEX: 'XHKG',
  SEHK: 'XHKG',
  SZ: 'XSHE',
  SHE: 'XSHE',
  SZSE: 'XSHE',
  SS: 'XSHG',
  SH: 'XSHG',
  SHA: 'XSHG',
  SSE: 'XSHG',
  N: 'XNYS',
  NYSE: 'XNYS',
  O: 'XNAS',
  OQ: 'XNAS',
  NASDAQ: 'XNAS',
  SI: 'XSES',
  SGX: 'XSES',
  T: 'XTKS',
  TSE: 'XTKS',
  L: 'XLON',
  LSE: 'XLON',
};

/** The exchange a ticker's market code stands for ("HK" → XHKG), or undefined for a code we do not know. */
const micOf = (name: string): string | undefined => exchangeNames[name.toUpperCase()];

const CODE = '([A-Za-z]{1,5}|\\d{1,6})';
const forms: { pattern: RegExp; code: number; market?: number }[] = [
  // 0700.HK, 700 HK, BABA.N, 600519.SS
  { pattern: new RegExp(`^${CODE}(?:\\.|\\s+)([A-Za-z]{1,4})$`), code: 1, market: 2 },
  // HKEX: 9988, NYSE:BABA, HK 0700, SH600519, SZ300750
  { pattern: new RegExp(`^([A-Za-z]{2,6})\\s*[:\\s]?\\s*${CODE}$`), code: 2, market: 1 },
  // stock code 2899, code: 2899, 2899
  { pattern: /^(?:(?:stock\s+)?code[:\s]\s*)?(\d{1,6})$/i, code: 1 },
  // BABA: a symbol alone, its exchange unknown
  { pattern: /^([A-Za-z]{1,5})$/, code: 1 },
];

const normalCode = (code: string) => (/^\d+$/.test(code) ? String(Number(code)) : code.toUpperCase());

/** A ticker read from how a source or a client writes it; null for text that is not one. */
export function parseTicker(text: string): Ticker | null {
  const trimmed = text
    .trim()
    .replace(/^\((.*)\)$/, '$1')
    .trim();
  for (const { pattern, code, market } of forms) {
    const m = pattern.exec(trimmed);
    if (!m) continue;
    const name = market === undefined ? undefined : m[market];
    const mic = name === undefined ? null : micOf(name);
    // A market code we do not know is not a ticker ("Q3 2025" must not read as code 2025 on "Q3").
    if (mic === undefined) continue;
    const value = m[code];
    if (value === undefined || /^0+$/.test(value)) continue;
    return { code: normalCode(value), mic };
  }
  return null;
}

// Display widths of numeric codes, by exchange: Hong Kong 4 (at least), mainland 6.
const codeWidths: Record<string, number> = { XHKG: 4, XSHE: 6, XSHG: 6, XTKS: 4 };
const suffixes: Record<string, string> = { XHKG: 'HK', XSHE: 'SZ', XSHG: 'SS', XNYS: 'N', XNAS: 'O', XSES: 'SI', XTKS: 'T', XLON: 'L' };

/** The one way a ticker is shown: "0700.HK", "300750.SZ", "BABA.N"; the bare code where the exchange is unknown. */
export function tickerSymbol({ code, mic }: Ticker): string {
  const width = mic ? codeWidths[mic] : undefined;
  const padded = width && /^\d+$/.test(code) ? code.padStart(width, '0') : code;
  const suffix = mic ? suffixes[mic] : undefined;
  return suffix ? `${padded}.${suffix}` : padded;
}
