import { ERROR_PARTS, ERRORS } from '../../src/error-catalogue.js';

describe('the error catalogue composed from the features', () => {
  const entries = Object.entries(ERROR_PARTS).flatMap(([owner, part]) =>
    Object.entries(part).map(([key, spec]) => ({ owner, key, message: spec.message })),
  );

  it('gives each text one home: no two entries of any parts share a text', () => {
    const byText = new Map<string, string[]>();
    for (const e of entries) byText.set(e.message, [...(byText.get(e.message) ?? []), e.owner]);
    const shared = [...byText].filter(([, owners]) => owners.length > 1);
    expect(shared).toEqual([]);
  });

  it('loses no entry when the parts are composed (no key in two parts)', () => {
    expect(Object.keys(ERRORS).sort()).toEqual(entries.map((e) => e.key).sort());
  });
});
