import { documentKey, isDocumentKey } from '../../../src/document-storage/domain/document-key.js';

const REQUEST = '6f1c9a4e-2b0d-4a57-9a0e-3f2d9a7c1b55';

describe('document keys', () => {
  it.each([
    `authentication_method_requests/${REQUEST}/PASSPORT.jpeg`,
    `person_requests/${REQUEST}/BIRTH_CERTIFICATE.jpeg`,
    'PASSPORT.jpeg',
    'a/b/c/d/e/f/g/h.jpeg',
  ])('accepts %s', (key) => {
    expect(isDocumentKey(key)).toBe(true);
  });

  it.each<[string, unknown]>([
    ['a parent segment', `authentication_method_requests/../${REQUEST}/PASSPORT.jpeg`],
    ['a leading parent segment', '../PASSPORT.jpeg'],
    ['a current-directory segment', `./${REQUEST}/PASSPORT.jpeg`],
    ['a leading slash', `/authentication_method_requests/${REQUEST}/PASSPORT.jpeg`],
    ['a doubled slash', `authentication_method_requests//PASSPORT.jpeg`],
    ['a trailing slash', `authentication_method_requests/${REQUEST}/PASSPORT.jpeg/`],
    ['a backslash', `authentication_method_requests\\PASSPORT.jpeg`],
    ['a percent-encoded slash', `authentication_method_requests%2FPASSPORT.jpeg`],
    ['a hidden file', '.jpeg'],
    ['a dot inside a segment', 'my.dir/PASSPORT.jpeg'],
    ['another extension', `authentication_method_requests/${REQUEST}/PASSPORT.png`],
    ['an upper-case extension', `authentication_method_requests/${REQUEST}/PASSPORT.JPEG`],
    ['no extension', `authentication_method_requests/${REQUEST}/PASSPORT`],
    ['a double extension', `authentication_method_requests/${REQUEST}/PASSPORT.jpeg.jpeg`],
    ['a space', 'my docs/PASSPORT.jpeg'],
    ['a NUL byte', 'PASSPORT\0.jpeg'],
    ['non-ASCII letters', 'паспорт.jpeg'],
    ['nine segments', 'a/b/c/d/e/f/g/h/i.jpeg'],
    ['a segment over 128 characters', `${'a'.repeat(129)}.jpeg`],
    ['the empty string', ''],
    ['a number', 42],
    ['an array', ['PASSPORT.jpeg']],
    ['undefined', undefined],
  ])('refuses a key with %s', (_name, key) => {
    expect(isDocumentKey(key)).toBe(false);
  });

  it('builds the key of a request document', () => {
    expect(documentKey('authentication_method_requests', REQUEST, 'PASSPORT')).toBe(
      `authentication_method_requests/${REQUEST}/PASSPORT.jpeg`,
    );
  });

  it('refuses to build a key from a part that would escape its folder', () => {
    expect(() => documentKey('authentication_method_requests', '..', 'PASSPORT')).toThrow(
      'Not a valid document key',
    );
  });
});
