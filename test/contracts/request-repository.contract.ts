import { randomUUID } from 'node:crypto';
import type { UnitOfWork } from '../../src/kernel/application/unit-of-work.port.js';
import type { RequestRepository } from '../../src/request-lifecycle/application/request-repository.port.js';
import type { LifecycleRequest } from '../../src/request-lifecycle/domain/lifecycle.js';
import { NOW, OTHER_CLIENT_ID } from '../support/mothers.js';
import { CONFLICT } from './person-registry.contract.js';
import { LOCK_HELD, secondLockWaitsForFirst } from './row-lock.js';

const MINUTE = 60_000;

/** A request kind's repository under test, and how a test makes requests of that kind. */
export interface RequestRepositorySubject<R extends LifecycleRequest> {
  readonly uow: UnitOfWork;
  readonly repository: RequestRepository<R>;
  /** A NEW request of the kind, of a person the store holds (not inserted yet). */
  aRequest(overrides?: RequestOverrides): Promise<R>;
  /** The request after a transition of its kind: a later status and every field it sets. */
  transitioned(request: R, at: Date): R;
  /** The statuses the expiry sweep moves, and the one it stores. */
  readonly expiry: { readonly from: readonly string[]; readonly to: string };
}

/** What the lifecycle's contract sets on the requests it makes. */
export type RequestOverrides = Partial<Pick<LifecycleRequest, 'documents' | 'insertedAt'>>;

const ago = (minutes: number): Date => new Date(NOW.getTime() - minutes * MINUTE);

/**
 * The promises of RequestRepository (the lifecycle's port) that every request kind's adapter and
 * in-memory fake keep: run per kind by the kind's own contract.
 */
export function describeRequestRepositoryContract<R extends LifecycleRequest>(
  name: string,
  makeSubject: () => Promise<RequestRepositorySubject<R>>,
): void {
  describe(`the RequestRepository contract: ${name}`, () => {
    let s: RequestRepositorySubject<R>;

    beforeEach(async () => {
      s = await makeSubject();
    });

    const insert = (request: R): Promise<void> => s.uow.run(() => s.repository.insert(request));

    it('answers null for a request it does not hold, read or locked', async () => {
      await expect(s.repository.findById(randomUUID())).resolves.toBeNull();
      await expect(
        s.uow.run(() => s.repository.findByIdForUpdate(randomUUID())),
      ).resolves.toBeNull();
    });

    it('reads an inserted request back as written, read or locked', async () => {
      const request = await s.aRequest({
        documents: [{ type: 'PASSPORT', key: `scans/${randomUUID()}/PASSPORT` }],
      });
      await insert(request);

      await expect(s.repository.findById(request.id)).resolves.toEqual(request);
      await expect(s.uow.run(() => s.repository.findByIdForUpdate(request.id))).resolves.toEqual(
        request,
      );
    });

    it('refuses a second request of the same id as a conflict, keeping the first', async () => {
      const request = await s.aRequest();
      await insert(request);
      await expect(insert({ ...request, clientId: OTHER_CLIENT_ID })).rejects.toMatchObject(
        CONFLICT,
      );
      await expect(s.repository.findById(request.id)).resolves.toEqual(request);
    });

    it('writes the state of a transition, and nothing a request keeps from its create', async () => {
      const request = await s.aRequest();
      await insert(request);
      const next = s.transitioned(request, NOW);

      await s.uow.run(() =>
        s.repository.updateState({
          ...next,
          clientId: OTHER_CLIENT_ID,
          documents: [{ type: 'PASSPORT', key: 'elsewhere' }],
          insertedBy: null,
          insertedAt: NOW,
        }),
      );

      await expect(s.repository.findById(request.id)).resolves.toEqual(next);
    });

    it('writes nothing for a request it does not hold', async () => {
      const request = await s.aRequest();
      await s.uow.run(() => s.repository.updateState(s.transitioned(request, NOW)));
      await expect(s.repository.findById(request.id)).resolves.toBeNull();
    });

    it('expires the requests of the given statuses created at or before the cutoff', async () => {
      const cutoff = ago(60);
      const due = await s.aRequest({ insertedAt: ago(61) });
      const atCutoff = await s.aRequest({ insertedAt: cutoff });
      const young = await s.aRequest({ insertedAt: ago(59) });
      const done = s.transitioned(await s.aRequest({ insertedAt: ago(90) }), NOW);
      for (const r of [due, atCutoff, young, done]) await insert(r);

      await expect(
        s.uow.run(() => s.repository.expire(s.expiry.from, s.expiry.to, cutoff)),
      ).resolves.toBe(2);

      for (const r of [due, atCutoff]) {
        await expect(s.repository.findById(r.id)).resolves.toEqual({ ...r, status: s.expiry.to });
      }
      await expect(s.repository.findById(young.id)).resolves.toEqual(young);
      await expect(s.repository.findById(done.id)).resolves.toEqual(done);
      await expect(
        s.uow.run(() => s.repository.expire(s.expiry.from, s.expiry.to, cutoff)),
      ).resolves.toBe(0);
    });

    it('undoes the writes of a unit of work that throws', async () => {
      const kept = await s.aRequest();
      await insert(kept);
      const undone = await s.aRequest();

      await expect(
        s.uow.run(async () => {
          await s.repository.insert(undone);
          await s.repository.updateState(s.transitioned(kept, NOW));
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');

      await expect(s.repository.findById(undone.id)).resolves.toBeNull();
      await expect(s.repository.findById(kept.id)).resolves.toEqual(kept);
    });

    it('holds a request locked until the unit of work ends, then shows its writes', async () => {
      const request = await s.aRequest();
      await insert(request);
      const next = s.transitioned(request, NOW);

      const { order, read } = await secondLockWaitsForFirst(
        s.uow,
        () => s.repository.findByIdForUpdate(request.id),
        () => s.repository.updateState(next),
      );

      expect(order).toEqual(LOCK_HELD);
      expect(read).toEqual(next);
    });
  });
}
