import { randomUUID } from 'node:crypto';
import type { UnitOfWork } from '../../src/kernel/application/unit-of-work.port.js';
import type { PersonRegistry } from '../../src/person/application/person-registry.port.js';
import type { AuthMethod, Person } from '../../src/person/domain/person.js';
import { aMethod, aPerson, NOW, USER_ID } from '../support/mothers.js';
import { LOCK_HELD, secondLockWaitsForFirst } from './row-lock.js';

export interface PersonRegistrySubject {
  readonly uow: UnitOfWork;
  readonly registry: PersonRegistry;
}

/** The conflict a unit of work answers when a write breaks a unique constraint. */
export const CONFLICT = { code: 'conflict', message: 'Concurrent change, retry' };

/** Methods in a fixed order: the port promises none. */
export const byId = (methods: readonly AuthMethod[]): AuthMethod[] =>
  [...methods].sort((a, b) => (a.id < b.id ? -1 : 1));

/**
 * A method without the stamps the registry's table adds when it writes one (who wrote it, its
 * last change): the method list's answers check those (registry conformance); the in-memory fake
 * does not keep them, so the contract compares methods without them.
 */
export const stored = (m: AuthMethod, _by: string | null = null): AuthMethod => {
  const { insertedBy: _i, updatedBy: _u, updatedAt: _a, ...rest } = m;
  return rest;
};

/** A person with its methods compared without their stamps. */
export const asStored = (person: Person): Person => ({
  ...person,
  authenticationMethods: person.authenticationMethods.map((m) => stored(m)),
});

const unstamped = (person: Person | null) => person && asStored(person);

const sorted = (person: Person | null) =>
  person && {
    ...person,
    authenticationMethods: byId(person.authenticationMethods.map((m) => stored(m))),
  };

/**
 * The promises of the PersonRegistry port that the use cases rely on, for every adapter and for
 * the in-memory fake (docs/domain-rules.md, Authentication methods): run by test/unit/contracts
 * on the fake and by test/integration/contracts on PostgreSQL.
 */
export function describePersonRegistryContract(
  name: string,
  makeSubject: () => Promise<PersonRegistrySubject>,
): void {
  describe(`the PersonRegistry contract: ${name}`, () => {
    let uow: UnitOfWork;
    let registry: PersonRegistry;

    beforeEach(async () => {
      ({ uow, registry } = await makeSubject());
    });

    it('answers null for a person it does not hold, read or locked', async () => {
      await expect(registry.findById(randomUUID())).resolves.toBeNull();
      await expect(uow.run(() => registry.findByIdForUpdate(randomUUID()))).resolves.toBeNull();
    });

    it('reads a created person back as written, every part of it', async () => {
      const person = aPerson({
        names: [
          { language: 'uk', firstName: 'Олена', lastName: 'Петренко', secondName: 'Іванівна' },
          { language: 'en', firstName: 'Olena', lastName: 'Petrenko', secondName: null },
        ],
        phones: [{ type: 'MOBILE', number: '+380501112233' }],
        authenticationMethods: [
          aMethod({ type: 'OTP' }),
          aMethod({ type: 'THIRD_PERSON', value: randomUUID(), alias: 'мама' }),
        ],
        verificationComment: 'checked',
      });
      await uow.run(() => registry.create(person));

      await expect(registry.findById(person.id).then(sorted)).resolves.toEqual(
        sorted(asStored(person)),
      );
      const locked = await uow.run(() => registry.findByIdForUpdate(person.id));
      expect(sorted(locked)).toEqual(sorted(asStored(person)));
    });

    it('hands out what it read: changing that changes nothing stored', async () => {
      const person = aPerson();
      await uow.run(() => registry.create(person));
      const read = await registry.findById(person.id);
      (read!.authenticationMethods as AuthMethod[]).push(aMethod({ type: 'OFFLINE' }));
      await expect(registry.findById(person.id).then(unstamped)).resolves.toEqual(asStored(person));
    });

    it('refuses a second person of the same id as a conflict, keeping the first', async () => {
      const person = aPerson();
      await uow.run(() => registry.create(person));
      await expect(
        uow.run(() => registry.create({ ...person, firstName: 'Інша', authenticationMethods: [] })),
      ).rejects.toMatchObject(CONFLICT);
      await expect(registry.findById(person.id).then(unstamped)).resolves.toEqual(asStored(person));
    });

    it('replaces the details and leaves methods and verification alone', async () => {
      const person = aPerson({ verificationComment: 'kept' });
      await uow.run(() => registry.create(person));
      const changed: Person = {
        ...person,
        firstName: 'Стефанія',
        names: [{ language: 'uk', firstName: 'Стефанія', lastName: 'Петренко', secondName: null }],
        birthDate: '1972-10-27',
        taxId: null,
        noTaxId: true,
        documents: [
          {
            type: 'NATIONAL_ID',
            number: '123456789',
            issuedAt: '2020-01-02',
            expirationDate: null,
          },
        ],
        phones: [{ type: 'LAND_LINE', number: '+380442345678' }],
        authenticationMethods: [],
        verificationStatus: 'VERIFIED',
        verificationComment: 'dropped',
        updatedBy: USER_ID,
        updatedAt: NOW,
      };
      await uow.run(() => registry.updateDetails(changed));

      await expect(registry.findById(person.id).then(unstamped)).resolves.toEqual({
        ...changed,
        authenticationMethods: asStored(person).authenticationMethods,
        verificationStatus: person.verificationStatus,
        verificationComment: 'kept',
      });
    });

    it('adds, renames and ends the methods it is given, and only those', async () => {
      const third = aMethod({ type: 'THIRD_PERSON', value: randomUUID() });
      const person = aPerson({ authenticationMethods: [aMethod({ type: 'OTP' }), third] });
      const other = aPerson();
      await uow.run(async () => {
        await registry.create(person);
        await registry.create(other);
      });
      const [otp] = person.authenticationMethods;
      const offline = aMethod({ type: 'OFFLINE' });
      const ended = new Date(NOW.getTime() + 1_000);

      await uow.run(async () => {
        await registry.endMethods([otp.id], ended);
        await registry.addMethod(person.id, offline);
        await registry.renameMethod(third.id, 'тато');
        await registry.endMethods([], ended);
      });

      const read = await registry.findById(person.id);
      expect(byId(read!.authenticationMethods.map((m) => stored(m)))).toEqual(
        byId([
          { ...stored(otp, person.insertedBy), endedAt: ended },
          { ...stored(third, person.insertedBy), alias: 'тато' },
          stored(offline),
        ]),
      );
      await expect(registry.findById(other.id).then(unstamped)).resolves.toEqual(asStored(other));
    });

    it('keeps one active own method a person: a second is a conflict until the first ends', async () => {
      const person = aPerson();
      await uow.run(() => registry.create(person));
      const offline = aMethod({ type: 'OFFLINE' });

      await expect(uow.run(() => registry.addMethod(person.id, offline))).rejects.toMatchObject(
        CONFLICT,
      );
      await expect(
        uow.run(() =>
          registry.create(aPerson({ authenticationMethods: [aMethod({ type: 'OTP' }), offline] })),
        ),
      ).rejects.toMatchObject(CONFLICT);

      await uow.run(async () => {
        await registry.endMethods([person.authenticationMethods[0].id], NOW);
        await registry.addMethod(person.id, offline);
      });
      const read = await registry.findById(person.id);
      expect(
        read!.authenticationMethods.filter((m) => m.endedAt === null).map((m) => stored(m)),
      ).toEqual([stored(offline)]);
    });

    it('answers every method of each person asked for, and nothing for unknown ids', async () => {
      const a = aPerson({
        authenticationMethods: [
          aMethod({ type: 'OTP', endedAt: NOW }),
          aMethod({ type: 'OFFLINE' }),
          aMethod({ type: 'THIRD_PERSON', value: randomUUID() }),
        ],
      });
      const b = aPerson({ authenticationMethods: [] });
      await uow.run(async () => {
        await registry.create(a);
        await registry.create(b);
      });

      const methods = await registry.methodsOf([a.id, b.id, a.id, randomUUID()]);
      expect(byId((methods.get(a.id) ?? []).map((m) => stored(m)))).toEqual(
        byId(asStored(a).authenticationMethods),
      );
      expect(methods.get(b.id) ?? []).toEqual([]);
      await expect(registry.methodsOf([])).resolves.toEqual(new Map());
    });

    it('changes the verification with its stamp, keeping or clearing the comment', async () => {
      const person = aPerson({ verificationComment: 'first look' });
      await uow.run(() => registry.create(person));

      await uow.run(() =>
        registry.changeVerification(
          person.id,
          { status: 'IN_REVIEW', reason: 'RULES_TRIGGERED' },
          USER_ID,
          NOW,
        ),
      );
      await expect(registry.findById(person.id)).resolves.toMatchObject({
        verificationStatus: 'IN_REVIEW',
        verificationReason: 'RULES_TRIGGERED',
        verificationComment: 'first look',
        updatedBy: USER_ID,
        updatedAt: NOW,
      });

      await uow.run(() =>
        registry.changeVerification(
          person.id,
          { status: 'VERIFIED', reason: 'RULES_PASSED', comment: null },
          null,
          NOW,
        ),
      );
      await expect(registry.findById(person.id)).resolves.toMatchObject({
        verificationStatus: 'VERIFIED',
        verificationComment: null,
        updatedBy: null,
      });
    });

    it('undoes the writes of a unit of work that throws', async () => {
      const kept = aPerson();
      await uow.run(() => registry.create(kept));
      const undone = aPerson();

      await expect(
        uow.run(async () => {
          await registry.create(undone);
          await registry.renameMethod(kept.authenticationMethods[0].id, 'gone');
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');

      await expect(registry.findById(undone.id)).resolves.toBeNull();
      await expect(registry.findById(kept.id).then(unstamped)).resolves.toEqual(asStored(kept));
    });

    it('holds a person locked until the unit of work ends, then shows its writes', async () => {
      const person = aPerson();
      await uow.run(() => registry.create(person));
      const [method] = person.authenticationMethods;

      const { order, read } = await secondLockWaitsForFirst(
        uow,
        () => registry.findByIdForUpdate(person.id),
        () => registry.renameMethod(method.id, 'під замком'),
      );

      expect(order).toEqual(LOCK_HELD);
      expect(read!.authenticationMethods.map((m) => stored(m))).toEqual([
        { ...stored(method, person.insertedBy), alias: 'під замком' },
      ]);
    });
  });
}
