// Characters that act rather than show: a terminal runs ANSI escape sequences
// (ESC, or the C1 CSI), NUL truncates strings in C tools, and bidirectional
// overrides and isolates reorder how the text around them reads (Trojan Source).

const BIDI = '\\u202A-\\u202E\\u2066-\\u2069';
/** C0 controls but tab, line feed and carriage return; DEL; C1 controls. */
const CONTROLS = '\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F';

/** What prose may not hold: every control character but tab and line breaks, and bidirectional controls. */
export const UNSAFE_IN_PROSE = new RegExp(`[${CONTROLS}${BIDI}]`, 'u');
/** What one line of text may not hold: every control character, tab and line breaks included, and bidirectional controls. */
export const UNSAFE_IN_LINE = new RegExp(`[\\u0000-\\u001F\\u007F-\\u009F${BIDI}]`, 'u');

const unsafeEverywhere = new RegExp(UNSAFE_IN_PROSE.source, 'gu');

/** Each unsafe character replaced by U+FFFD, so that stored text written before these rules reads as damaged, not acts. */
export const neutralise = (text: string): string => text.replace(unsafeEverywhere, '\uFFFD');
