// Text that came with a request (a path, a function name decoded from percent-encoding) is shown in the toolkit's own
// terminal lines with its control characters escaped, so that a request cannot write escape sequences into the
// developer's terminal (clear the screen, set the window title, fake a log line). The functions' own output is not
// passed through here: it is printed as the function wrote it.

// C0 controls (except tab and newline, handled apart), DEL, C1 controls (0x9b is a one-byte CSI), and the Unicode
// bidirectional overrides and isolates that reorder what a terminal shows ("Trojan Source", CVE-2021-42574).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex -- likewise
const CONTROL_OR_LINE_BREAK = /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

/** The text with control characters shown as `\x1b` (`\u202e` above 0xff). Newlines and tabs too unless kept. */
export function printable(text: string, { keepLineBreaks = false }: { keepLineBreaks?: boolean } = {}): string {
  return text.replace(keepLineBreaks ? CONTROL : CONTROL_OR_LINE_BREAK, escapeChar);
}

/** A log function whose lines are made printable (line breaks kept: the toolkit's own multi-line messages). */
export function printableLog(log: (line: string) => void): (line: string) => void {
  return (line) => log(printable(line, { keepLineBreaks: true }));
}

function escapeChar(char: string): string {
  const code = char.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}
