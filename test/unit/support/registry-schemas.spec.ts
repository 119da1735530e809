import {
  REGISTRY_OPERATIONS,
  registryAnswerSchema,
  registryRequestProblems,
  schemaProblems,
  type RegistryOperationKey,
} from '../../support/registry/registry-answer.js';
import { readData } from '../../support/registry/person-request-schemas.js';
import { arr, obj, oneOfStrings, str } from '../../support/registry/schema-parts.js';
import {
  REGISTRY_EXAMPLES,
  SIGNED_CONTENT_DECODED,
  type RegistryExample,
} from './registry/registry-examples.js';

const key = (e: RegistryExample) => `${e.operation} ${String(e.of)}`;

/** The examples the registry itself lists as breaking its own schemas. */
const SLIPS = new Set([
  'GET /api/v2/person_requests/{id} 200',
  'GET /api/v3/person_requests/{id} 200',
  'PATCH /api/v2/person_requests/{id}/actions/approve 201',
  'PATCH /api/v3/person_requests/{id}/actions/approve 201',
  'PATCH /api/v2/person_requests/{id}/actions/approve 422',
  'PATCH /api/v3/person_requests/{id}/actions/approve 422',
  'PATCH /api/v2/person_requests/{id}/actions/reject 200',
  'PATCH /api/v3/person_requests/{id}/actions/reject 200',
  'POST /api/v2/person_requests request',
  'POST /api/v3/person_requests request',
  'POST /api/v2/person_requests 201',
  'POST /api/v3/person_requests 201',
  'POST /api/v2/person_requests 422',
  'POST /api/v3/person_requests 422',
  'POST /api/persons/{id}/authentication_method_requests 201',
  'POST /api/persons/{id}/authentication_method_requests 422',
  'PATCH /api/persons/{id}/authentication_method_requests/{request_id}/actions/approve 422',
  'POST /api/persons/{id}/confidant_person_relationship_requests 201',
  'POST /api/persons/{id}/confidant_person_relationship_requests 422',
  'POST /api/persons/{id}/confidant_person_relationship_requests/deactivate 201',
  'POST /api/persons/{id}/confidant_person_relationship_requests/deactivate 422',
  'PATCH /api/persons/{id}/confidant_person_relationship_requests/{confidant_person_relationship_request_id}/actions/approve 422',
]);

function problemsOf(e: RegistryExample): string[] {
  if (e.of === 'request') return registryRequestProblems(e.operation, e.example);
  const schema = registryAnswerSchema(e.operation, e.of);
  if (schema === undefined) throw new Error(`no schema for ${key(e)}`);
  return schemaProblems(schema, e.example);
}

function exampleOf(operation: RegistryOperationKey, of: number | 'request'): any {
  const found = REGISTRY_EXAMPLES.find((e) => e.operation === operation && e.of === of);
  if (found === undefined) throw new Error(`no example for ${operation} ${String(of)}`);
  return found.example;
}

describe("the registry's answer schemas, against the registry's own examples", () => {
  it('cover every operation of the person area, and every operation has an example', () => {
    const operations = new Set(REGISTRY_EXAMPLES.map((e) => e.operation));
    expect([...operations].sort()).toEqual(Object.keys(REGISTRY_OPERATIONS).sort());
    expect(operations.size).toBe(30);
  });

  it('schema every answer status and request body an example exists for', () => {
    for (const e of REGISTRY_EXAMPLES) {
      const operation: { request?: unknown; answers: Record<number, unknown> } =
        REGISTRY_OPERATIONS[e.operation];
      expect([key(e), e.of === 'request' ? operation.request : operation.answers[e.of]]).toEqual([
        key(e),
        expect.any(Object),
      ]);
    }
  });

  it.each(REGISTRY_EXAMPLES.filter((e) => !SLIPS.has(key(e))).map((e) => [key(e), e] as const))(
    'accept the example of %s',
    (_name, e) => {
      expect(problemsOf(e)).toEqual([]);
    },
  );

  /**
   * Where the registry's example breaks its own schema, what the schema here says, and why.
   * `meta.code` as the string "422" stays refused: no deviation covers it (the service answers a
   * number). THIRD_PERSON methods and `{ type, url }` upload items pass because a deliberate
   * deviation admits them; the check against the registry's literal shape shows the slip is real.
   */
  const methodTypesOfTheRegistry = arr(obj({ type: oneOfStrings('OTP', 'OFFLINE', 'NA') }));
  const documentOfTheRegistry = arr(obj({ type: str, number: str }, ['type', 'number']));

  it.each([
    'PATCH /api/v2/person_requests/{id}/actions/approve 422',
    'PATCH /api/v3/person_requests/{id}/actions/approve 422',
    'POST /api/v2/person_requests 422',
    'POST /api/v3/person_requests 422',
    'POST /api/persons/{id}/authentication_method_requests 422',
    'PATCH /api/persons/{id}/authentication_method_requests/{request_id}/actions/approve 422',
    'POST /api/persons/{id}/confidant_person_relationship_requests 422',
    'POST /api/persons/{id}/confidant_person_relationship_requests/deactivate 422',
    'PATCH /api/persons/{id}/confidant_person_relationship_requests/{confidant_person_relationship_request_id}/actions/approve 422',
  ])('refuse the slip of %s: meta.code "422" is not a number', (name) => {
    const e = REGISTRY_EXAMPLES.find((x) => key(x) === name)!;
    expect(problemsOf(e)).toEqual(['/meta/code: must be number']);
  });

  it.each([
    ['GET /api/v2/person_requests/{id}', 200, 'data'],
    ['GET /api/v3/person_requests/{id}', 200, 'data'],
    ['PATCH /api/v2/person_requests/{id}/actions/approve', 201, 'data'],
    ['PATCH /api/v3/person_requests/{id}/actions/approve', 201, 'data'],
    ['PATCH /api/v2/person_requests/{id}/actions/reject', 200, 'data'],
    ['PATCH /api/v3/person_requests/{id}/actions/reject', 200, 'data'],
    ['POST /api/v2/person_requests', 201, 'data'],
    ['POST /api/v3/person_requests', 201, 'data'],
    ['POST /api/v2/person_requests', 'request', null],
    ['POST /api/v3/person_requests', 'request', null],
  ] as const)(
    'admit the THIRD_PERSON method of %s %s under the deviation that lists it',
    (operation, of, wrapper) => {
      const example = exampleOf(operation, of);
      const person = wrapper === null ? example.person : example[wrapper].person;
      expect(schemaProblems(methodTypesOfTheRegistry, person.authentication_methods)).toEqual([
        '/0/type: must be equal to one of the allowed values (OTP, OFFLINE, NA)',
      ]);
      expect(problemsOf({ operation, of, example })).toEqual([]);
    },
  );

  it.each([
    ['GET /api/v2/person_requests/{id}', 200],
    ['GET /api/v3/person_requests/{id}', 200],
    ['POST /api/v2/person_requests', 201],
    ['POST /api/v3/person_requests', 201],
    ['POST /api/persons/{id}/authentication_method_requests', 201],
    ['POST /api/persons/{id}/confidant_person_relationship_requests', 201],
    ['POST /api/persons/{id}/confidant_person_relationship_requests/deactivate', 201],
  ] as const)(
    'admit the { type, url } upload items of %s %s under the deviation that lists them',
    (operation, of) => {
      const example = exampleOf(operation, of);
      expect(schemaProblems(documentOfTheRegistry, example.urgent.documents)).toEqual([
        "/0: must have required property 'number'",
      ]);
      expect(problemsOf({ operation, of, example })).toEqual([]);
    },
  );

  it("refuse the sign example's decoded content: no names, and confidant_person a list", () => {
    expect(schemaProblems(readData(3), SIGNED_CONTENT_DECODED)).toEqual([
      "/person: must have required property 'names'",
      '/person/confidant_person: must be object',
    ]);
    expect(
      registryRequestProblems('PATCH /api/v3/person_requests/{id}/actions/sign', {
        signed_content: 'e30=',
      }),
    ).toEqual([]);
  });

  it('list every slip the registry names, and no other example as one', () => {
    const failing = REGISTRY_EXAMPLES.filter((e) => problemsOf(e).length > 0).map(key);
    const covered = [...SLIPS].filter((name) => !failing.includes(name));
    expect(failing.every((name) => SLIPS.has(name))).toBe(true);
    expect(covered.sort()).toEqual(
      [
        'GET /api/v2/person_requests/{id} 200',
        'GET /api/v3/person_requests/{id} 200',
        'PATCH /api/v2/person_requests/{id}/actions/approve 201',
        'PATCH /api/v3/person_requests/{id}/actions/approve 201',
        'PATCH /api/v2/person_requests/{id}/actions/reject 200',
        'PATCH /api/v3/person_requests/{id}/actions/reject 200',
        'POST /api/v2/person_requests request',
        'POST /api/v3/person_requests request',
        'POST /api/v2/person_requests 201',
        'POST /api/v3/person_requests 201',
        'POST /api/persons/{id}/authentication_method_requests 201',
        'POST /api/persons/{id}/confidant_person_relationship_requests 201',
        'POST /api/persons/{id}/confidant_person_relationship_requests/deactivate 201',
      ].sort(),
    );
  });
});
