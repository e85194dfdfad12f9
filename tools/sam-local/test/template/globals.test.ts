// SAM's rule for a property set both in Globals and on the resource: aws/serverless-application-model
// samtranslator/plugins/globals/globals.py (_do_merge), checked with aws-sam-translator 1.110.0.
import { isIntrinsic, withGlobal } from '../../src/template/globals';

describe('a property from Globals and the resource, as SAM merges them', () => {
  it('only one of them set: that one', () => {
    // Act
    const merged = [withGlobal('g', undefined), withGlobal(undefined, 'r'), withGlobal(undefined, undefined)];

    // Assess
    expect(merged).toEqual(['g', 'r', undefined]);
  });

  it('two single values: the resource’s, even null', () => {
    // Act
    const merged = [withGlobal('g', 'r'), withGlobal(5, null)];

    // Assess
    expect(merged).toEqual(['r', null]);
  });

  it('two maps: merged key by key, recursively, the resource’s value winning', () => {
    // Act
    const merged = withGlobal({ A: 'g', B: 'g', Deep: { X: 'g', Y: 'g' } }, { B: 'r', C: 'r', Deep: { Y: 'r' } });

    // Assess
    expect(merged).toEqual({ A: 'g', B: 'r', C: 'r', Deep: { X: 'g', Y: 'r' } });
  });

  it('two lists: Globals’ items, then the resource’s', () => {
    // Act
    const merged = withGlobal(['g1', 'g2'], ['r1']);

    // Assess
    expect(merged).toEqual(['g1', 'g2', 'r1']);
  });

  it('a map and a list, a single value or an empty (null) Globals value: the resource’s, whole', () => {
    // Act
    const merged = [
      withGlobal({ A: 'g' }, 'r'),
      withGlobal('g', { A: 'r' }),
      withGlobal(['g'], { A: 'r' }),
      withGlobal(null, { A: 'r' }),
    ];

    // Assess
    expect(merged).toEqual(['r', { A: 'r' }, { A: 'r' }, { A: 'r' }]);
  });

  it('an intrinsic function is a single value: the resource’s replaces a Globals map, and is not merged into', () => {
    // Act
    const merged = [
      withGlobal({ A: 'g' }, { Ref: 'Origin' }),
      withGlobal({ 'Fn::Sub': 'g' }, { 'Fn::Sub': 'r' }),
      withGlobal({ A: 'g' }, { Condition: 'IsProd' }),
    ];

    // Assess
    expect(merged).toEqual([{ Ref: 'Origin' }, { 'Fn::Sub': 'r' }, { Condition: 'IsProd' }]);
  });
});

describe('isIntrinsic (samtranslator is_intrinsic)', () => {
  it('one key, Ref, Condition or Fn::*: an intrinsic function', () => {
    // Act
    const answers = [{ Ref: 'X' }, { Condition: 'C' }, { 'Fn::If': [] }].map(isIntrinsic);

    // Assess
    expect(answers).toEqual([true, true, true]);
  });

  it('any other key, or more than one key: a map', () => {
    // Act
    const answers = [{ AllowOrigin: 'x' }, { Ref: 'X', Other: 1 }, {}, { Refs: 'X' }, { 'Fn:If': 1 }].map(isIntrinsic);

    // Assess
    expect(answers).toEqual([false, false, false, false, false]);
  });
});
