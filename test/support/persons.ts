import type { TestApp } from './test-app.js';
import { tokenFor } from './tokens.js';

export interface PersonInput {
  readonly first_name?: string;
  readonly last_name?: string;
  readonly second_name?: string | null;
  readonly birth_date?: string;
  readonly birth_country?: string | null;
  readonly birth_settlement?: string | null;
  readonly phones?: { type: string; number: string }[];
  readonly gender?: 'MALE' | 'FEMALE';
  readonly tax_id?: string | null;
  readonly no_tax_id?: boolean;
  readonly status?: 'active' | 'inactive';
  readonly verification_status?: string;
  readonly documents?: { type: string; number: string }[];
  readonly authentication_methods?: Record<string, unknown>[];
}

/** A valid POST /api/persons body (an adult with a valid tax id and an OTP method). */
export function personBody(input: PersonInput = {}): Record<string, unknown> {
  return {
    first_name: 'Олена',
    last_name: 'Петренко',
    birth_date: '1972-10-26',
    gender: 'MALE',
    tax_id: '2659719350',
    no_tax_id: false,
    documents: [{ type: 'PASSPORT', number: 'АА123456' }],
    authentication_methods: [{ type: 'OTP', phone_number: '+380971234567' }],
    ...input,
  };
}

/** Registers a person through the API (POST /api/persons) and returns the response data. */
export async function registerPerson(
  t: TestApp,
  input: PersonInput = {},
): Promise<Record<string, any>> {
  const response = await t.http
    .post('/api/persons')
    .set('Authorization', `Bearer ${tokenFor('person:write')}`)
    .set('api-key', t.config.apiKeys[0] ?? '')
    .send(personBody(input));
  if (response.status !== 201) {
    throw new Error(`registerPerson failed: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return response.body.data as Record<string, any>;
}
