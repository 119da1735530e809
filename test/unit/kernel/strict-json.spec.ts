import { parseStrictJson, type StrictJsonProblem } from '../../../src/kernel/domain/strict-json.js';

const utf8 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'utf8'));
const bytes = (...parts: (string | number[])[]): Uint8Array =>
  new Uint8Array(
    Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p)))),
  );
const nested = (depth: number, inner = '1'): string =>
  '['.repeat(depth) + inner + ']'.repeat(depth);

describe('parseStrictJson', () => {
  it.each<[string, Uint8Array]>([
    ['an object', utf8('{"a":1,"b":[true,false,null],"c":{"d":"e"}}')],
    ['a string at the top', utf8('"text"')],
    ['a number with fraction and exponent', utf8('-12.5e-3')],
    ['zero, negative zero and a huge exponent', utf8('[0,-0,1e400,-1E+2]')],
    ['whitespace everywhere JSON allows it', utf8(' \t\r\n{ "a" : [ 1 , 2 ] , "b" : { } }\n')],
    ['empty containers', utf8('{"a":[],"b":{},"c":[[],{}]}')],
    ['escapes of every kind', utf8('["\\"\\\\\\/\\b\\f\\n\\r\\t","\\u0041\\u00e9"]')],
    ['a surrogate pair escaped', utf8('"\\ud83d\\ude00"')],
    ['a character outside the BMP written as UTF-8', utf8('"😀"')],
    ['Cyrillic text', utf8('{"last_name":"Петренко"}')],
    ['a BOM character inside a string (it is only refused before the text)', utf8('"\uFEFF"')],
    ['the same key in two different objects', utf8('[{"a":1},{"a":2},{"b":{"a":3}}]')],
    ['keys equal only after case folding', utf8('{"a":1,"A":2}')],
    ['64 levels of nesting', utf8(nested(64))],
    ['64 levels of objects', utf8('{"a":'.repeat(64) + '1' + '}'.repeat(64))],
  ])('reads %s exactly as JSON.parse does', (_name, input) => {
    const expected: unknown = JSON.parse(Buffer.from(input).toString('utf8'));
    expect(parseStrictJson(input)).toEqual({ ok: true, value: expected });
  });

  it('keeps __proto__ as an ordinary key, as JSON.parse does', () => {
    const parsed = parseStrictJson(utf8('{"__proto__":{"polluted":true},"a":1}'));
    expect(parsed.ok).toBe(true);
    const value = (parsed as { value: Record<string, unknown> }).value;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(['__proto__', 'a']);
    expect(Object.getOwnPropertyDescriptor(value, '__proto__')?.value).toEqual({ polluted: true });
  });

  it.each<[string, Uint8Array, StrictJsonProblem]>([
    [
      'a duplicated key',
      utf8('{"patient_signed":false,"x":1,"patient_signed":true}'),
      'duplicate_key',
    ],
    ['a duplicated key deep inside', utf8('{"a":[1,{"b":{"c":1,"c":1}}]}'), 'duplicate_key'],
    ['a duplicated key written with an escape', utf8('{"a":1,"\\u0061":2}'), 'duplicate_key'],
    ['a duplicated empty key', utf8('{"":1,"":2}'), 'duplicate_key'],
    ['a duplicated __proto__', utf8('{"__proto__":1,"__proto__":2}'), 'duplicate_key'],
    ['an escaped high surrogate alone', utf8('"\\ud800"'), 'lone_surrogate'],
    ['an escaped low surrogate alone', utf8('"\\udc00"'), 'lone_surrogate'],
    ['a high surrogate before an ordinary character', utf8('"\\ud800a"'), 'lone_surrogate'],
    ['two high surrogates', utf8('"\\ud800\\ud800"'), 'lone_surrogate'],
    ['a lone surrogate in a key', utf8('{"\\udfff":1}'), 'lone_surrogate'],
    ['a surrogate encoded as UTF-8 bytes', bytes('"', [0xed, 0xa0, 0x80], '"'), 'invalid_utf8'],
    ['a byte that is never UTF-8', bytes('{"a":"', [0xff], '"}'), 'invalid_utf8'],
    ['an overlong encoding of "/"', bytes('"', [0xc0, 0xaf], '"'), 'invalid_utf8'],
    ['a truncated sequence', bytes('"', [0xd0], '"'), 'invalid_utf8'],
    ['Latin-1 text', bytes('"caf', [0xe9], '"'), 'invalid_utf8'],
    ['a UTF-8 byte order mark', bytes([0xef, 0xbb, 0xbf], '{"a":1}'), 'bom'],
    ['65 levels of nesting', utf8(nested(65)), 'too_deep'],
    ['65 levels with an empty array innermost', utf8(nested(64, '[]')), 'too_deep'],
    ['100,000 levels of nesting', utf8(nested(100_000)), 'too_deep'],
    ['100,000 open brackets and nothing else', utf8('['.repeat(100_000)), 'too_deep'],
    ['nothing', utf8(''), 'syntax'],
    ['whitespace only', utf8(' \n'), 'syntax'],
    ['two values', utf8('{} {}'), 'syntax'],
    ['a trailing comma in an object', utf8('{"a":1,}'), 'syntax'],
    ['a trailing comma in an array', utf8('[1,]'), 'syntax'],
    ['a missing colon', utf8('{"a" 1}'), 'syntax'],
    ['a key that is not a string', utf8('{a:1}'), 'syntax'],
    ['single quotes', utf8("{'a':1}"), 'syntax'],
    ['an unclosed string', utf8('"abc'), 'syntax'],
    ['an unclosed array', utf8('[1,2'), 'syntax'],
    ['a closing bracket of another kind', utf8('[1}'), 'syntax'],
    ['a control character in a string', utf8('"a\tb"'), 'syntax'],
    ['an unknown escape', utf8('"\\x41"'), 'syntax'],
    ['a short \\u escape', utf8('"\\u12"'), 'syntax'],
    ['a leading zero', utf8('01'), 'syntax'],
    ['a leading plus', utf8('+1'), 'syntax'],
    ['a bare fraction', utf8('.5'), 'syntax'],
    ['NaN', utf8('NaN'), 'syntax'],
    ['a literal with more letters', utf8('truex'), 'syntax'],
    ['a comment', utf8('{"a":1 /* no */}'), 'syntax'],
    ['a non-breaking space as whitespace', utf8('\u00a0{}'), 'syntax'],
  ])('refuses %s', (_name, input, problem) => {
    expect(parseStrictJson(input)).toEqual({ ok: false, problem });
  });

  it('finds a duplicate among 100,000 keys of one object (a set per object, no pairwise scan)', () => {
    const members = Array.from({ length: 100_000 }, (_unused, i) => `"k${i}":${i}`);
    const unique = utf8(`{${members.join(',')}}`);
    expect(parseStrictJson(unique).ok).toBe(true);
    expect(parseStrictJson(utf8(`{${members.join(',')},"k0":0}`))).toEqual({
      ok: false,
      problem: 'duplicate_key',
    });
  });

  it('counts depth with the limit it is given', () => {
    expect(parseStrictJson(utf8(nested(3)), 3).ok).toBe(true);
    expect(parseStrictJson(utf8(nested(4)), 3)).toEqual({ ok: false, problem: 'too_deep' });
  });
});
