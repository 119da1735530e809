/**
 * The answers of a release, as this build answers the same reads: every change of the wire made
 * on purpose since the release, one entry per change, each naming the part of docs/api.md that
 * says so. The upgrade test compares this build's answers with the release's answers passed
 * through these changes, as text (key order counts), so any other difference fails it.
 */

import { maskName, maskTail } from '../../../src/kernel/domain/masks.js';
import { maskPhone } from '../../../src/kernel/domain/phone.js';
import { VERIFICATION_REGISTERS as REGISTERS } from '../../support/registry/person-schemas.js';

type Json = Record<string, unknown>;

/** What the database holds that a release stored but never answered. */
export interface Stored {
  /** `inserted_at` of each authentication method, by id, as ISO text. */
  readonly methodInsertedAt: ReadonlyMap<string, string>;
}

interface WireChange {
  /** What changed, and where docs/api.md says so. */
  readonly why: string;
  /** The routes it concerns (a path with its ids). */
  readonly route: RegExp;
  /** `release` gives the release's answer to another read (its body), when it made that read. */
  readonly apply: (
    body: Json,
    status: number,
    stored: Stored,
    route: string,
    release: ReleaseReads,
  ) => Json;
}

function maskedPhone(phone: unknown): unknown {
  return typeof phone === 'string' ? `${phone.slice(0, 6)}*****${phone.slice(-2)}` : phone;
}

/** The release's answer to a path it read, or undefined. */
type ReleaseReads = (path: string) => Json | undefined;

const ID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

const CHANGES: readonly WireChange[] = [
  {
    why:
      'a person answers its names per language, its birth place and its phones (docs/api.md, ' +
      'Read a person); persons stored by a release have one uk name, no birth place, no phones',
    route: new RegExp(`^/api/persons/${ID}$`),
    apply: (body, status) => {
      if (status !== 200) return body;
      const p = body.data as Json;
      const { first_name, last_name, second_name } = p;
      const head = { id: p.id, first_name, last_name, second_name };
      const rest = { ...p };
      for (const key of ['id', 'first_name', 'last_name', 'second_name', 'birth_date']) {
        delete rest[key];
      }
      const { documents, authentication_methods, inserted_at, updated_at, ...middle } = rest;
      return {
        ...body,
        data: {
          ...head,
          names: [{ language: 'uk', first_name, last_name, second_name }],
          birth_date: p.birth_date,
          birth_country: null,
          birth_settlement: null,
          ...middle,
          documents,
          phones: [],
          authentication_methods,
          inserted_at,
          updated_at,
        },
      };
    },
  },
  {
    why:
      "`urgent.authentication_method_current` is the registry's array of one `{ type, " +
      'phone_number }` (docs/api.md, Create a person request)',
    route: new RegExp(`^/api/v3/person_requests/${ID}$`),
    apply: (body, status) => asArrayCurrent(body, status, false),
  },
  {
    why:
      'the same on an authentication method request, and `null` when its person has no active ' +
      'method (docs/api.md, Create an authentication method request)',
    route: new RegExp(`^/api/persons/${ID}/authentication_method_requests/${ID}$`),
    apply: (body, status) => asArrayCurrent(body, status, true),
  },
  {
    why:
      'the method list answers as the registry does: the phone masked, `is_active`, ' +
      '`person_id`, `inserted_at`, `inserted_by`, `updated_at`, `updated_by` (null for methods ' +
      "written before they were kept) (docs/api.md, List a person's authentication methods)",
    route: new RegExp(`^/api/persons/${ID}/authentication_methods$`),
    apply: (body, status, stored, route) => {
      if (status !== 200) return body;
      const personId = route.split('/')[3];
      const items = (body.data as Json[]).map((m) => {
        const insertedAt = stored.methodInsertedAt.get(String(m.id));
        return {
          id: m.id,
          type: m.type,
          phone_number: maskedPhone(m.phone_number),
          value: m.value,
          alias: m.alias,
          is_active: true,
          person_id: personId,
          started_at: m.started_at,
          ended_at: m.ended_at,
          inserted_at: insertedAt,
          inserted_by: null,
          updated_at: insertedAt,
          updated_by: null,
        };
      });
      return { ...body, data: items };
    },
  },
  {
    why:
      "a person's verification carries `details` of the nine registers, NOT_VERIFIED with " +
      "reason AUTO until a host records a result (docs/api.md, Read a person's verification status)",
    route: new RegExp(`^/api/persons/${ID}/verification$`),
    apply: (body, status) => {
      if (status !== 200) return body;
      const notVerified = { verification_status: 'NOT_VERIFIED', verification_reason: 'AUTO' };
      const details = Object.fromEntries(REGISTERS.map((r) => [r, notVerified]));
      return { ...body, data: { ...(body.data as Json), details } };
    },
  },
  {
    why:
      'a verified phone is answered as `{ phone_number }` only, as the registry does ' +
      '(docs/api.md, Check whether a phone is verified)',
    route: /^\/api\/verifications\/[^/]+$/,
    apply: (body, status) => {
      if (status !== 200) return body;
      return { ...body, data: { phone_number: (body.data as Json).phone_number } };
    },
  },
  {
    why:
      'a THIRD_PERSON item carries `confidant_person`, its third person masked (docs/api.md, ' +
      "List a person's authentication methods), made from the release's answer about them",
    route: new RegExp(`^/api/persons/${ID}/authentication_methods$`),
    apply: (body, status, _stored, _route, release) => {
      if (status !== 200 || !Array.isArray(body.data)) return body;
      const data = (body.data as Json[]).map((item) => {
        const third =
          item.type === 'THIRD_PERSON' ? release(`/api/persons/${String(item.value)}`) : undefined;
        return third ? { ...item, confidant_person: maskedThirdPerson(third.data as Json) } : item;
      });
      return { ...body, data };
    },
  },
];

function maskedThirdPerson(p: Json): Json {
  const methods = p.authentication_methods as Json[];
  const otp = methods.find((m) => m.type === 'OTP' && m.phone_number && !m.ended_at);
  const phone = (otp?.phone_number as string | undefined) ?? undefined;
  return {
    id: p.id,
    name: maskName({
      firstName: p.first_name as string,
      lastName: p.last_name as string,
      secondName: p.second_name as string | null,
    }),
    gender: p.gender,
    ...(p.tax_id ? { tax_id: maskTail(p.tax_id as string) } : {}),
    no_tax_id: p.no_tax_id,
    documents_person: (p.documents as Json[]).map((d) => ({
      type: d.type,
      number: maskTail(d.number as string),
    })),
    ...(phone ? { phones: { number: maskPhone(phone) } } : {}),
  };
}

function asArrayCurrent(body: Json, status: number, noneAsNull: boolean): Json {
  const urgent = body.urgent as Json | undefined;
  if (status !== 200 || !urgent) return body;
  const { type, number } = urgent.authentication_method_current as Json;
  const current =
    noneAsNull && type === 'NA'
      ? null
      : [{ type, ...(number !== undefined ? { phone_number: number } : {}) }];
  return { ...body, urgent: { ...urgent, authentication_method_current: current } };
}

/** The release's answer to `path` as this build answers it. */
export function releaseAnswerNow(
  path: string,
  status: number,
  body: unknown,
  stored: Stored,
  release: ReleaseReads = () => undefined,
): unknown {
  const route = path.split('?')[0];
  return CHANGES.filter((c) => c.route.test(route)).reduce(
    (current, change) => change.apply(current as Json, status, stored, route, release),
    body,
  );
}
