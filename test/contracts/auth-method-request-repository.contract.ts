import type { AuthMethodRequestRepository } from '../../src/auth-method-request/application/auth-method-request-repository.port.js';
import type { AuthMethodRequest } from '../../src/auth-method-request/domain/auth-method-request.js';
import type { UnitOfWork } from '../../src/kernel/application/unit-of-work.port.js';
import { anAuthMethodRequest, NOW, OTHER_CLIENT_ID, USER_ID } from '../support/mothers.js';
import { CONFLICT } from './person-registry.contract.js';
import { describeRequestRepositoryContract } from './request-repository.contract.js';
import { LOCK_HELD, secondLockWaitsForFirst } from './row-lock.js';

export interface AuthMethodRequestRepositorySubject {
  readonly uow: UnitOfWork;
  readonly repository: AuthMethodRequestRepository;
  /** The id of a person the store holds (a request's person must exist). */
  givenPerson(): Promise<string>;
}

const MINUTE = 60_000;
const ago = (minutes: number): Date => new Date(NOW.getTime() - minutes * MINUTE);

/**
 * The promises of AuthMethodRequestRepository: the lifecycle's, and a person's one NEW request
 * with the cancel that a newer one makes (docs/domain-rules.md, Authentication method requests).
 */
export function describeAuthMethodRequestRepositoryContract(
  name: string,
  makeSubject: () => Promise<AuthMethodRequestRepositorySubject>,
): void {
  describeRequestRepositoryContract<AuthMethodRequest>(
    `authentication method requests, ${name}`,
    async () => {
      const s = await makeSubject();
      return {
        uow: s.uow,
        repository: s.repository,
        aRequest: async (overrides = {}) =>
          anAuthMethodRequest({ personId: await s.givenPerson(), ...overrides }),
        transitioned: (request, at) => ({
          ...request,
          status: 'COMPLETED',
          updatedBy: USER_ID,
          updatedAt: at,
        }),
        expiry: { from: ['NEW'], to: 'EXPIRED' },
      };
    },
  );

  describe(`the AuthMethodRequestRepository contract: ${name}`, () => {
    let s: AuthMethodRequestRepositorySubject;

    beforeEach(async () => {
      s = await makeSubject();
    });

    const insert = (request: AuthMethodRequest): Promise<void> =>
      s.uow.run(() => s.repository.insert(request));

    it('keeps one NEW request a person: another is a conflict until the first leaves NEW', async () => {
      const personId = await s.givenPerson();
      const first = anAuthMethodRequest({ personId });
      await insert(first);

      const second = anAuthMethodRequest({ personId, clientId: OTHER_CLIENT_ID });
      await expect(insert(second)).rejects.toMatchObject(CONFLICT);
      await insert(anAuthMethodRequest({ personId, status: 'CANCELED' }));

      await s.uow.run(async () => {
        await s.repository.updateState({ ...first, status: 'COMPLETED', updatedAt: NOW });
        await s.repository.insert(second);
      });
      await expect(s.repository.findById(second.id)).resolves.toEqual(second);
    });

    it('cancels the NEW requests of the person, or expires those past the cutoff', async () => {
      const personId = await s.givenPerson();
      const otherPerson = await s.givenPerson();
      const young = anAuthMethodRequest({ personId, insertedAt: ago(30) });
      const completed = anAuthMethodRequest({ personId, status: 'COMPLETED' });
      const another = anAuthMethodRequest({ personId: otherPerson, insertedAt: ago(90) });
      for (const r of [young, completed, another]) await insert(r);
      const stamp = { by: USER_ID, at: NOW };

      await expect(
        s.uow.run(() => s.repository.cancelNewOfPerson(personId, stamp, ago(60))),
      ).resolves.toBe(1);
      await expect(s.repository.findById(young.id)).resolves.toEqual({
        ...young,
        status: 'CANCELED',
        updatedBy: USER_ID,
        updatedAt: NOW,
      });

      await expect(
        s.uow.run(() => s.repository.cancelNewOfPerson(otherPerson, stamp, ago(60))),
      ).resolves.toBe(1);
      await expect(s.repository.findById(another.id)).resolves.toEqual({
        ...another,
        status: 'EXPIRED',
        updatedBy: USER_ID,
        updatedAt: NOW,
      });
      await expect(s.repository.findById(completed.id)).resolves.toEqual(completed);
      await expect(
        s.uow.run(() => s.repository.cancelNewOfPerson(personId, stamp, ago(60))),
      ).resolves.toBe(0);
    });

    it('runs a read sent right behind lockWithPerson once both locks are held: it reads what the holder committed', async () => {
      // Approve sends the person's read with the locking statement, without awaiting it between.
      const personId = await s.givenPerson();
      const request = anAuthMethodRequest({ personId });
      await insert(request);
      const { order, read } = await secondLockWaitsForFirst(
        s.uow,
        async () => {
          const [, current] = await Promise.all([
            s.repository.lockWithPerson(personId, request.id),
            s.repository.findById(request.id),
          ]);
          return current;
        },
        () =>
          s.repository.updateState({
            ...request,
            status: 'COMPLETED',
            updatedBy: USER_ID,
            updatedAt: NOW,
          }),
      );
      expect(order).toEqual(LOCK_HELD);
      expect(read?.status).toBe('COMPLETED');
    });
  });
}
