import fc from 'fast-check';

// Code points picked by hand so each class is certain to appear; fast-check's own unicode units add the rest.
const LETTERS = [
  'a', 'Z', 'é', 'ß', 'Ω', 'λ', 'Ж', 'я', 'ש', 'ל', 'م', 'ر', 'न', 'क', '李', '龍', '한', 'ก', 'ሀ', 'ǅ',
  '\u{1D49C}', // 𝒜 MATHEMATICAL SCRIPT CAPITAL A: astral, two UTF-16 units
  '\u{20000}', // CJK Extension B: astral
]; // prettier-ignore
const COMBINING_MARKS = [
  '\u0301', // combining acute
  '\u0308', // combining diaeresis
  '\u093F', // Devanagari vowel sign I (Mc)
  '\u094D', // Devanagari virama
  '\u05B8', // Hebrew point qamats
  '\u064E', // Arabic fatha
  '\u20DD', // combining enclosing circle (Me)
  '\uFE0F', // variation selector 16 (Mn), as in emoji presentation
];
const DECIMAL_DIGITS = ['0', '7', '\u0663', '\u096B', '\uFF17', '\u{1D7D5}']; // ASCII, Arabic-Indic, Devanagari, fullwidth, math bold
const NON_DECIMAL_NUMBERS = ['\u216B', '\u00BD', '\u00B2']; // Ⅻ ½ ²
const ALLOWED_PUNCTUATION = [' ', '-', "'", '.'];
const LOOKALIKE_PUNCTUATION = ['\u2019', '\u2010', '\u2011', '\u2212', '\uFF0E', '\u02BC']; // ’ ‐ ‑ − ． ʼ
const MARKUP_AND_SYNTAX = ['<', '>', '"', '&', ';', '/', '\\', '_', '`', '$', '{', '}', '=', '?', '#', '+', '*'];
const WHITESPACE = ['\t', '\n', '\r', '\v', '\f', '\u00A0', '\u1680', '\u2003', '\u2028', '\u2029', '\u3000', '\uFEFF'];
const INVISIBLE_FORMAT = ['\u200B', '\u200C', '\u200D', '\u2060', '\u00AD']; // zero-width and soft hyphen (Cf)
const BIDI_CONTROLS = ['\u202E', '\u202D', '\u200F', '\u200E', '\u2066', '\u2069', '\u061C'];
const EMOJI = ['😀', '👍🏽', '👨\u200D👩\u200D👧', '🇫🇷', '❤\uFE0F', '1\uFE0F\u20E3', '🏳\uFE0F\u200D🌈'];
const PERCENT_SEQUENCES = ['%', '%4', '%41', '%zz', '%00', '%0A', '%E2%80%AE', '%25', '%u0041', '%%'];
const SPECIAL_WORDS = ['__proto__', 'constructor', 'prototype', 'toString', 'null', 'undefined', 'NaN', 'true'];

const controlCharacter = fc
  .oneof(fc.integer({ min: 0x00, max: 0x1f }), fc.constant(0x7f), fc.integer({ min: 0x80, max: 0x9f }))
  .map((code) => String.fromCharCode(code));

export const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));

const letterWithMarks = fc
  .tuple(fc.constantFrom(...LETTERS), fc.array(fc.constantFrom(...COMBINING_MARKS), { minLength: 1, maxLength: 3 }))
  .map(([letter, marks]) => letter + marks.join(''));

/** One piece of a name: mostly characters the rule allows, often ones it refuses, sometimes anything at all. */
export const namePiece: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...LETTERS), weight: 12 },
  { arbitrary: letterWithMarks, weight: 3 },
  { arbitrary: fc.constantFrom(...DECIMAL_DIGITS), weight: 3 },
  { arbitrary: fc.constantFrom(...ALLOWED_PUNCTUATION), weight: 3 },
  { arbitrary: fc.constantFrom(...COMBINING_MARKS), weight: 1 },
  { arbitrary: fc.constantFrom(...NON_DECIMAL_NUMBERS), weight: 1 },
  { arbitrary: fc.constantFrom(...LOOKALIKE_PUNCTUATION), weight: 1 },
  { arbitrary: fc.constantFrom(...MARKUP_AND_SYNTAX), weight: 1 },
  { arbitrary: fc.constantFrom(...WHITESPACE), weight: 1 },
  { arbitrary: fc.constantFrom(...INVISIBLE_FORMAT), weight: 1 },
  { arbitrary: fc.constantFrom(...BIDI_CONTROLS), weight: 1 },
  { arbitrary: fc.constantFrom(...EMOJI), weight: 1 },
  { arbitrary: fc.constantFrom(...PERCENT_SEQUENCES), weight: 1 },
  { arbitrary: controlCharacter, weight: 1 },
  { arbitrary: loneSurrogate, weight: 1 },
  { arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), weight: 1 },
  { arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }), weight: 1 },
);

/** Names that pass the rule more often than not: letters, digits and allowed punctuation, maybe padded. */
export const plausibleName: fc.Arbitrary<string> = fc
  .tuple(
    fc.array(fc.constantFrom(...WHITESPACE, ' '), { maxLength: 3 }),
    fc.array(
      fc.oneof(
        fc.constantFrom(...LETTERS),
        letterWithMarks,
        fc.constantFrom(...DECIMAL_DIGITS, ...ALLOWED_PUNCTUATION),
      ),
      {
        minLength: 1,
        maxLength: 24,
      },
    ),
    fc.array(fc.constantFrom(...WHITESPACE, ' '), { maxLength: 3 }),
  )
  .map(([before, core, after]) => before.join('') + core.join('') + after.join(''));

/** Around the 64-code-point limit, in letters that take one or two UTF-16 units and with combining marks. */
const nearLimitName = fc
  .tuple(fc.integer({ min: 60, max: 68 }), fc.oneof(fc.constantFrom(...LETTERS), letterWithMarks))
  .map(([count, piece]) => piece.repeat(count));

/** At least 10,000 UTF-16 units: one piece repeated. */
const hugeName = fc.oneof(fc.constant('a'), namePiece).map((piece) => piece.repeat(Math.ceil(10_000 / piece.length)));

/** A `name` value as it might arrive: plausible, mixed hostile pieces, empty, blank, at the limit, huge. */
export const hostileName: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: plausibleName, weight: 6 },
  { arbitrary: fc.array(namePiece, { maxLength: 20 }).map((pieces) => pieces.join('')), weight: 6 },
  { arbitrary: fc.constantFrom('', ' ', '   ', '\t\n', '\u3000'), weight: 1 },
  { arbitrary: fc.constantFrom(...SPECIAL_WORDS, ...PERCENT_SEQUENCES), weight: 1 },
  { arbitrary: nearLimitName, weight: 2 },
  { arbitrary: hugeName, weight: 1 },
);

/** Short strings for keys, header names and ids: the special words, plus any code points. */
export const hostileKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...SPECIAL_WORDS, '', ' ', 'name ', ' name', 'Name', 'NAME', 'name[]', 'na%6De', 'name\u0000'),
  fc.array(namePiece, { maxLength: 6 }).map((pieces) => pieces.join('')),
);
