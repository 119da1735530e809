import type { TestingModuleBuilder } from '@nestjs/testing';
import { SmsSender } from '../../src/otp-built-in/application/sms-sender.port.js';
import { Confirmation } from '../../src/request-lifecycle/application/confirmation.js';
import { approveAmr, createAmr } from '../support/auth-method-requests.js';
import { createTestDatabase } from '../support/database.js';
import { CapturingSmsSender } from '../support/otp-sms.js';
import { registerPerson } from '../support/persons.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { tokenFor } from '../support/tokens.js';
import { verifyPhone } from '../support/verifications.js';
import { meetingPoint } from '../support/meeting-point.js';

const AUTH = {
  Authorization: `Bearer ${tokenFor([
    'authentication_method_request:write',
    'otp_verification:write',
  ])}`,
};
const RACERS = 20;
const INVALID_TRANSITION = { type: 'request_conflict', message: 'Invalid transition' };

/**
 * Two application instances on one database. The person has no method (NA) and the phone is
 * verified beforehand, so neither a code nor a scan stops any racer before the locks: every one
 * of them reaches the person's row lock and the database's constraints.
 */
describe('one person, many writers, two instances', () => {
  let a: TestApp;
  let b: TestApp;
  const sms = new CapturingSmsSender();
  const phone = '+380991234567';

  beforeAll(async () => {
    const databaseUrl = await createTestDatabase('race');
    const customize = (builder: TestingModuleBuilder) =>
      builder.overrideProvider(SmsSender).useValue(sms);
    a = await createTestApp({ databaseUrl, customize });
    b = await createTestApp({ databaseUrl, customize });
    await verifyPhone(a, sms, phone, { completeOn: b, headers: AUTH });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  const instance = (i: number): TestApp => (i % 2 === 0 ? a : b);
  const insertOtp = (i: number, personId: string) =>
    createAmr(instance(i), AUTH, personId, {
      action: 'insert',
      authentication_method: { type: 'OTP', phone_number: phone },
    });
  const approve = (i: number, personId: string, requestId: string) =>
    approveAmr(instance(i), AUTH, personId, requestId, {});

  /**
   * Runs `race` with every approve, on both instances, held right after its checks outside the
   * transaction (status, scans, code) until all `size` approves have passed them: each racer
   * then reaches the person's row lock with the request still NEW, so only the lock and the
   * check under it can stop the losers.
   */
  async function afterChecksTogether<T>(size: number, race: () => Promise<T>): Promise<T> {
    const point = meetingPoint(size);
    const restore = [a, b].map((app) => {
      const confirmation = app.app.get(Confirmation);
      const confirm = confirmation.confirm.bind(confirmation);
      confirmation.confirm = async (...args) => {
        await confirm(...args);
        await point.pass();
      };
      return () => {
        confirmation.confirm = confirm;
      };
    });
    try {
      const result = await race();
      expect(point.arrived).toBe(size);
      return result;
    } finally {
      for (const undo of restore) undo();
    }
  }
  const count = async (sql: string, personId: string): Promise<number> =>
    (await a.pool.query<{ n: number }>(sql, [personId])).rows[0].n;
  const activeOwnMethods = (personId: string) =>
    count(
      `SELECT count(*)::int AS n FROM person_authentication_methods
        WHERE person_id = $1 AND type IN ('OTP', 'OFFLINE') AND ended_at IS NULL`,
      personId,
    );
  const events = (personId: string) =>
    count('SELECT count(*)::int AS n FROM events WHERE entity_id = $1', personId);

  it('leaves one NEW request of 20 parallel creates, the others CANCELED', async () => {
    const person = await registerPerson(a, { authentication_methods: [] });
    const created = await Promise.all(
      Array.from({ length: RACERS }, (_, i) => insertOtp(i, person.id)),
    );
    expect(created.map((r) => r.status)).toEqual(Array(RACERS).fill(201));
    const statuses = await a.pool.query<{ status: string; n: number }>(
      `SELECT status, count(*)::int AS n FROM authentication_method_requests
        WHERE person_id = $1 GROUP BY status ORDER BY status`,
      [person.id],
    );
    expect(statuses.rows).toEqual([
      { status: 'CANCELED', n: RACERS - 1 },
      { status: 'NEW', n: 1 },
    ]);

    // The survivor is an ordinary request: it approves; a cancelled one does not.
    const { rows } = await a.pool.query<{ id: string; status: string }>(
      'SELECT id, status FROM authentication_method_requests WHERE person_id = $1',
      [person.id],
    );
    const survivor = rows.find((r) => r.status === 'NEW')!;
    const cancelled = rows.find((r) => r.status === 'CANCELED')!;
    const refused = await approve(1, person.id, cancelled.id).expect(409);
    expect(refused.body.error).toEqual(INVALID_TRANSITION);
    await approve(0, person.id, survivor.id).expect(201);
    expect(await activeOwnMethods(person.id)).toBe(1);
    expect(await events(person.id)).toBe(1);
  });

  it('lets exactly one of 20 parallel approves of one request succeed', async () => {
    const person = await registerPerson(b, { authentication_methods: [] });
    const created = await insertOtp(0, person.id).expect(201);
    const approved = await afterChecksTogether(RACERS, () =>
      Promise.all(
        Array.from({ length: RACERS }, (_, i) =>
          approve(i, person.id, created.body.data.id as string),
        ),
      ),
    );
    const codes = approved.map((r) => r.status).sort();
    expect(codes).toEqual([201, ...Array(RACERS - 1).fill(409)]);
    for (const loser of approved.filter((r) => r.status !== 201)) {
      expect(loser.body.error).toEqual(INVALID_TRANSITION);
    }
    expect(await activeOwnMethods(person.id)).toBe(1);
    expect(await events(person.id)).toBe(1);
    const methods = await a.pool.query(
      `SELECT type, phone_number FROM person_authentication_methods WHERE person_id = $1`,
      [person.id],
    );
    expect(methods.rows).toEqual([{ type: 'OTP', phone_number: phone }]);
  });

  it('keeps one active own method when creates and approves interleave', async () => {
    const person = await registerPerson(a, { authentication_methods: [] });
    const rounds = await Promise.all(
      Array.from({ length: RACERS }, async (_, i) => {
        const created = await insertOtp(i, person.id);
        if (created.status !== 201) return created.status;
        return (await approve(i + 1, person.id, created.body.data.id as string)).status;
      }),
    );
    expect(rounds.every((s) => s === 201 || s === 409)).toBe(true);
    const successes = rounds.filter((s) => s === 201).length;
    expect(successes).toBeGreaterThanOrEqual(1);
    expect(await activeOwnMethods(person.id)).toBe(1);
    expect(await events(person.id)).toBe(successes);
  });
});
