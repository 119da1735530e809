import { randomUUID } from 'node:crypto';
import type { AuthMethod } from '../../src/person/domain/person.js';

let tick = 0;

/** Object Mother for authentication method rows; each new one is added after the previous. */
export function aMethod(overrides: Partial<AuthMethod> & Pick<AuthMethod, 'type'>): AuthMethod {
  tick += 1;
  return {
    id: randomUUID(),
    phoneNumber: overrides.type === 'OTP' ? '+380971234567' : null,
    value: null,
    alias: null,
    startedAt: new Date('2026-01-01T00:00:00Z'),
    endedAt: null,
    insertedAt: new Date(Date.UTC(2026, 0, 1) + tick * 1000),
    ...overrides,
  };
}
