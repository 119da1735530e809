import { V3_REQUEST_EXAMPLE } from '../../src/person-request/adapters/http/v3-request.example.js';

/**
 * The explorer's full v3 body (shaped like a real MIS client's), plus a key the published schema
 * forgot, which must be kept and echoed; `person` overrides merge into the person.
 */
export function v3Body(
  overrides: { person?: Record<string, unknown>; [key: string]: unknown } = {},
): Record<string, unknown> {
  const { person, ...rest } = overrides;
  const base = structuredClone(V3_REQUEST_EXAMPLE);
  return {
    ...base,
    person: { ...base.person, forgotten_by_the_schema: { kept: true }, ...person },
    ...rest,
  };
}
