import { RegisteredAttemptRecords } from '../../../src/document-storage/application/attempt-records.js';
import {
  AttemptSweep,
  LEFTOVER_AGE_MS,
} from '../../../src/document-storage/application/attempt-sweep.js';
import { InMemoryDocumentStorage } from '../../support/fakes/in-memory-document-storage.js';
import { MemoryObjectStore } from '../../support/fakes/memory-object-store.js';

const SIGNED = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const OTHER = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const copyOf = (id: string) => `person_requests/${id}/signed_content.p7s`;
const SCAN = `authentication_method_requests/${OTHER}/PASSPORT.jpeg`;
const PKCS7 = 'application/pkcs7-mime';

describe('the attempt sweep', () => {
  let storage: InMemoryDocumentStorage;
  let records: RegisteredAttemptRecords;
  let recorded: Map<string, string>;

  beforeEach(() => {
    storage = new InMemoryDocumentStorage();
    records = new RegisteredAttemptRecords();
    recorded = new Map();
    records.register('person_requests', {
      recordedAttempt: (id) => Promise.resolve(recorded.get(id) ?? null),
    });
  });

  /** One sweep with the wall clock `ms` ahead of now. */
  const sweepAt = (ms: number): Promise<number> =>
    new AttemptSweep(
      storage,
      new MemoryObjectStore(),
      records,
      () => new Date(Date.now() + ms),
    ).sweep();

  it('puts a recorded attempt in place however young, and leaves young unrecorded ones', async () => {
    const winner = await storage.putAttempt(copyOf(SIGNED), new Uint8Array([1]), PKCS7);
    const loser = await storage.putAttempt(copyOf(SIGNED), new Uint8Array([2]), PKCS7);
    const upload = await storage.putAttempt(SCAN, new Uint8Array([3]), 'image/jpeg');
    recorded.set(SIGNED, winner);

    await expect(sweepAt(0)).resolves.toBe(1);

    expect(storage.documents.get(copyOf(SIGNED))?.bytes).toEqual(new Uint8Array([1]));
    expect(storage.attemptKeys().sort()).toEqual([loser, upload].sort());
  });

  it('removes unrecorded attempts an hour old, of a kind that records or not', async () => {
    await storage.putAttempt(copyOf(OTHER), new Uint8Array([2]), PKCS7);
    await storage.putAttempt(SCAN, new Uint8Array([3]), 'image/jpeg');

    await expect(sweepAt(LEFTOVER_AGE_MS - 60_000)).resolves.toBe(0);
    await expect(sweepAt(LEFTOVER_AGE_MS + 60_000)).resolves.toBe(2);

    expect([...storage.documents.keys()]).toEqual([]);
  });

  it('keeps nothing twice: an attempt already moved is not counted again', async () => {
    const winner = await storage.putAttempt(copyOf(SIGNED), new Uint8Array([1]), PKCS7);
    recorded.set(SIGNED, winner);
    await expect(sweepAt(0)).resolves.toBe(1);
    await expect(sweepAt(0)).resolves.toBe(0);
  });

  it('lets a failing record answer reach the round (logged by the periodic task)', async () => {
    await storage.putAttempt(copyOf(SIGNED), new Uint8Array([1]), PKCS7);
    records = new RegisteredAttemptRecords();
    records.register('person_requests', {
      recordedAttempt: () => Promise.reject(new Error('database down')),
    });

    await expect(sweepAt(LEFTOVER_AGE_MS + 60_000)).rejects.toThrow('database down');
    expect(storage.attemptKeys()).toHaveLength(1);
  });
});

describe('the registered attempt records', () => {
  it('answer null for a kind nobody registered', async () => {
    await expect(
      new RegisteredAttemptRecords().recordedAttempt('person_requests', SIGNED),
    ).resolves.toBe(null);
  });

  it.each(['', 'a/b', 'attempts'])('refuse the kind %j', (kind) => {
    const record = { recordedAttempt: () => Promise.resolve(null) };
    expect(() => new RegisteredAttemptRecords().register(kind, record)).toThrow(
      'Not a document kind',
    );
  });

  it('refuse a second record for one kind', () => {
    const records = new RegisteredAttemptRecords();
    const record = { recordedAttempt: () => Promise.resolve(null) };
    records.register('person_requests', record);
    expect(() => records.register('person_requests', record)).toThrow('registered twice');
  });
});
