// The escaping the toolkit's own terminal lines use for request data (issue 21, finding 3).
import { printable } from '../../src/http/printable';

describe('printable', () => {
  it('escapes C0, DEL, C1 and bidi controls; keeps text, and line breaks only when asked', () => {
    expect(printable('a\x1b[31mb\x07\x7f\x9b\u202e')).toBe(String.raw`a\x1b[31mb\x07\x7f\x9b\u202e`);
    expect(printable('é €  x')).toBe('é €  x');
    expect(printable('one\ntwo\ttab')).toBe(String.raw`one\x0atwo\x09tab`);
    expect(printable('one\ntwo\ttab', { keepLineBreaks: true })).toBe('one\ntwo\ttab');
  });
});
