import {
  documentKey,
  documentOwner,
  isDocumentKey,
  isUploadKey,
  signedContentKey,
} from '../../../src/document-storage/domain/document-key.js';

const REQUEST = '6f1c9a4e-2b0d-4a57-9a0e-3f2d9a7c1b55';

describe('document keys', () => {
  it.each([
    `authentication_method_requests/${REQUEST}/PASSPORT.jpeg`,
    `person_requests/${REQUEST}/BIRTH_CERTIFICATE.jpeg`,
    'PASSPORT.jpeg',
    'a/b/c/d/e/f/g/h.jpeg',
    `person_requests/${REQUEST}/signed_content.p7s`,
    'a/b/c/d/e/f/g/signed_content.p7s',
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
    ['a signed copy with no folder', 'signed_content.p7s'],
    ['another .p7s name', `person_requests/${REQUEST}/PASSPORT.p7s`],
    ['a signed copy in nine segments', 'a/b/c/d/e/f/g/h/signed_content.p7s'],
    ['a signed copy with a parent segment', `person_requests/../signed_content.p7s`],
    ['a signed copy with a suffix', `person_requests/${REQUEST}/signed_content.p7s.jpeg`],
    ['the empty string', ''],
    ['a number', 42],
    ['an array', ['PASSPORT.jpeg']],
    ['undefined', undefined],
  ])('refuses a key with %s', (_name, key) => {
    expect(isDocumentKey(key)).toBe(false);
  });

  it('takes uploads only for scans, never for the signed copy', () => {
    expect(isUploadKey(`person_requests/${REQUEST}/PASSPORT.jpeg`)).toBe(true);
    expect(isUploadKey(`person_requests/${REQUEST}/signed_content.p7s`)).toBe(false);
    expect(isUploadKey('../PASSPORT.jpeg')).toBe(false);
  });

  it('builds the key of the signed copy of a request', () => {
    expect(signedContentKey('person_requests', REQUEST)).toBe(
      `person_requests/${REQUEST}/signed_content.p7s`,
    );
    expect(() => signedContentKey('person_requests', '../x')).toThrow('Not a valid document key');
  });

  it.each<[string, string, ReturnType<typeof documentOwner>]>([
    [
      'a scan',
      `authentication_method_requests/${REQUEST}/PASSPORT.jpeg`,
      { kind: 'authentication_method_requests', id: REQUEST },
    ],
    [
      'the signed copy',
      `person_requests/${REQUEST}/signed_content.p7s`,
      { kind: 'person_requests', id: REQUEST },
    ],
    ['a key whose second segment is no UUID', 'person_requests/12345/PASSPORT.jpeg', undefined],
    ['a key of one segment', 'PASSPORT.jpeg', undefined],
    ['a key of four segments', `person_requests/${REQUEST}/x/PASSPORT.jpeg`, undefined],
    ['an invalid key', `person_requests/${REQUEST}/../PASSPORT.jpeg`, undefined],
  ])('names the owner of %s', (_name, key, owner) => {
    expect(documentOwner(key)).toEqual(owner);
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
