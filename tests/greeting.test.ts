import { greet, MAX_NAME_LENGTH, validateName } from '../hello-world/greeting';

describe('validateName', () => {
  it.each([
    ['Ada', 'Ada'],
    ['  Ada Lovelace ', 'Ada Lovelace'],
    ["O'Brien-Smith Jr.", "O'Brien-Smith Jr."],
    ['R2 D2', 'R2 D2'],
    ['Мария', 'Мария'],
    ['李小龍', '李小龍'],
    ['हिन्दी', 'हिन्दी'], // Devanagari vowel signs and virama are combining marks
    ['e\u0301mile', 'e\u0301mile'], // decomposed é
    ['a'.repeat(MAX_NAME_LENGTH), 'a'.repeat(MAX_NAME_LENGTH)],
    ['𝒜'.repeat(MAX_NAME_LENGTH), '𝒜'.repeat(MAX_NAME_LENGTH)], // astral letters count once each
  ])('accepts %j as %j', (raw, name) => {
    expect(validateName(raw)).toEqual({ ok: true, name });
  });

  it.each([
    ['', 'long'],
    ['   ', 'long'],
    ['a'.repeat(MAX_NAME_LENGTH + 1), 'long'],
    ['x'.repeat(10_000), 'long'],
    ['<b>', 'only'],
    ['Ada\tLovelace', 'only'],
    ['Ada\u0000', 'only'],
    ['😀', 'only'],
    ['\u0301Ada', 'only'], // a combining mark with no letter before it
    ['\ud800', 'only'], // lone surrogate
    ['%41da', 'only'],
    ['Ada_Lovelace', 'only'],
    ['Ada\u202eLovelace', 'only'], // right-to-left override
  ])('rejects %j', (raw, reason) => {
    const result = validateName(raw);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toContain(reason);
  });
});

// The greeting's wording, written here and in hello-world/greeting.ts only: every other test, openapi.yaml and the
// Postman collection check the response's shape and the name in it. Change the words in both places together.
const GREETINGS = { world: 'Hello, World!', ada: 'Hello, Ada!' };

describe('greet', () => {
  it('greets the world without a name and the name with one, in the words GREETINGS in this file expects', () => {
    const said = { world: greet(undefined), ada: greet('Ada') };
    try {
      expect(said).toEqual(GREETINGS);
    } catch (error) {
      throw new Error(
        `greet() in hello-world/greeting.ts says ${JSON.stringify(said)}. If you changed the wording on purpose, ` +
          `update GREETINGS in tests/greeting.test.ts to match.\n\n${(error as Error).message}`,
        { cause: error },
      );
    }
  });
});
