/**
 * The documented `name` rule (README, "The API"), written out again independently of hello-world/greeting.ts
 * so property tests can compute the answer the handler owes for any event:
 * - read from queryStringParameters.name, else from the single entry of multiValueQueryStringParameters.name;
 *   more than one entry there is a repeated name and is refused;
 * - trimmed, then 1 to 64 code points, each a letter of any script (which may be followed by combining
 *   marks), a decimal digit, a space, `-`, `'` or `.`.
 */

import { greet } from '../../hello-world/greeting';

export const NAME_LIMIT = 64;

export type ExpectedOutcome = { status: 200; message: string } | { status: 400 };

const REFUSED: ExpectedOutcome = { status: 400 };

// ECMAScript's WhiteSpace and LineTerminator: what String.prototype.trim removes.
const TRIMMED = /[\p{Zs}\t\v\f\uFEFF\n\r\u2028\u2029]/u;
const LETTER = /^\p{L}$/u;
const COMBINING_MARK = /^\p{M}$/u;
const DECIMAL_DIGIT = /^\p{Nd}$/u;
const PUNCTUATION = new Set([' ', '-', "'", '.']);

/** What the handler must answer for a plain-data event (no getters or proxies). */
export function expectedOutcome(event: unknown): ExpectedOutcome {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) return REFUSED;
  const { queryStringParameters, multiValueQueryStringParameters } = event as Record<string, unknown>;
  const entries = ownValue(multiValueQueryStringParameters, 'name');
  if (Array.isArray(entries) && entries.length > 1) return REFUSED;
  const single = ownValue(queryStringParameters, 'name');
  const raw: unknown =
    single !== undefined && single !== null ? single : Array.isArray(entries) ? entries[0] : undefined;
  if (raw === undefined || raw === null) return { status: 200, message: greet(undefined) };
  if (typeof raw !== 'string') return REFUSED;
  const name = validName(raw);
  // The words around the name are the function's own (tests/greeting.test.ts pins them); this checks the name.
  return name === undefined ? REFUSED : { status: 200, message: greet(name) };
}

/** The trimmed name if it follows the rule, else undefined. */
export function validName(raw: string): string | undefined {
  const codePoints = [...trim(raw)];
  if (codePoints.length < 1 || codePoints.length > NAME_LIMIT) return undefined;
  let afterLetter = false; // a combining mark is allowed only in the run of marks that follows a letter
  for (const char of codePoints) {
    if (LETTER.test(char)) afterLetter = true;
    else if (COMBINING_MARK.test(char)) {
      if (!afterLetter) return undefined;
    } else if (DECIMAL_DIGIT.test(char) || PUNCTUATION.has(char)) afterLetter = false;
    else return undefined;
  }
  return codePoints.join('');
}

function trim(text: string): string {
  const units = [...text];
  let start = 0;
  let end = units.length;
  while (start < end && TRIMMED.test(units[start] as string)) start++;
  while (end > start && TRIMMED.test(units[end - 1] as string)) end--;
  return units.slice(start, end).join('');
}

function ownValue(map: unknown, key: string): unknown {
  if (typeof map !== 'object' || map === null) return undefined;
  return Object.getOwnPropertyNames(map).includes(key) ? (map as Record<string, unknown>)[key] : undefined;
}
