import type { JsonObject } from '../../../src/kernel/domain/json.js';
import {
  anyVersionListItem,
  personRequestData,
} from '../../../src/person-request/domain/person-request-data.js';
import {
  parsePersonRequestBody,
  personFromStored,
  registryName,
} from '../../../src/person-request/domain/v3-person.js';
import { validatePersonRequestBody } from '../../../src/person-request/domain/v3-person.validation.js';
import { aPersonRequest, aV3Body, NOW } from '../../support/mothers.js';

/** A v2 body: the v3 mother's body with flat names instead of `names[]`. */
function aV2Body(person: Record<string, unknown> = {}): Record<string, unknown> {
  const body = aV3Body({ person: { names: undefined, ...person } }) as { person: JsonObject };
  return {
    ...body,
    person: { first_name: 'Олена', last_name: 'Петренко', second_name: 'Іванівна', ...body.person },
  };
}

const entriesOf = (body: unknown) =>
  validatePersonRequestBody(body, NOW, { version: 2 }).map((p) => [p.entry, p.rule]);

describe('a v2 create body', () => {
  it('passes with flat names', () => {
    expect(entriesOf(aV2Body())).toEqual([]);
    expect(entriesOf(aV2Body({ second_name: undefined }))).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, string[][]]>([
    ['no first name', { first_name: undefined }, [['$.person.first_name', 'required']]],
    ['no last name', { last_name: undefined }, [['$.person.last_name', 'required']]],
    ['an empty first name', { first_name: ' ' }, [['$.person.first_name', 'cast']]],
    ['a second name that is not text', { second_name: 1 }, [['$.person.second_name', 'cast']]],
    [
      'v3 names in a v2 person',
      { names: [{ language: 'uk', first_name: 'А', no_last_name: true }] },
      [['$.person.names', 'invalid']],
    ],
    [
      'an own method under 14',
      { birth_date: '2016-01-01' },
      [['$.person.authentication_methods[0].type', 'inclusion']],
    ],
  ])('refuses %s', (_name, person, expected) => {
    const body = aV2Body(person);
    for (const [k, v] of Object.entries(person)) {
      if (v === undefined) delete (body.person as Record<string, unknown>)[k];
    }
    expect(entriesOf(body)).toEqual(expected);
  });

  it('refuses a v3 body on the v2 route, and a v2 body on the v3 route', () => {
    expect(entriesOf(aV3Body())).toEqual([
      ['$.person.first_name', 'required'],
      ['$.person.last_name', 'required'],
      ['$.person.names', 'invalid'],
    ]);
    expect(validatePersonRequestBody(aV2Body(), NOW).map((p) => p.entry)).toEqual([
      '$.person.names',
    ]);
  });

  it('is parsed with its flat names as the one uk name, and kept as sent', () => {
    const body = aV2Body();
    const parsed = parsePersonRequestBody(body, NOW, { version: 2 });
    if (!parsed.ok) throw new Error('expected a valid body');
    expect(parsed.value.version).toBe(2);
    expect(parsed.value.person.names).toEqual([
      { language: 'uk', firstName: 'Олена', lastName: 'Петренко', secondName: 'Іванівна' },
    ]);
    expect(parsed.value.person.asSent).toBe(body.person);
    expect(registryName(parsed.value.person)).toEqual({
      firstName: 'Олена',
      lastName: 'Петренко',
      secondName: 'Іванівна',
    });
  });
});

describe('answers in the request’s version', () => {
  const v2Person = personFromStored(aV2Body().person as JsonObject, 2);

  it('shows a v2 request’s person as sent (flat names)', () => {
    const request = aPersonRequest({ version: 2, person: v2Person });
    expect(personRequestData(request).person).toBe(v2Person.asSent);
  });

  it.each([
    [
      'v2',
      aPersonRequest({ version: 2, person: v2Person }),
      { first_name: 'Олена', last_name: 'Петренко', second_name: 'Іванівна' },
      2,
    ],
    [
      'v3 (its uk name)',
      aPersonRequest(),
      { first_name: 'Олена', last_name: 'Петренко', second_name: 'Іванівна' },
      3,
    ],
  ])('lists a %s request with flat names and its version', (_n, request, person, version) => {
    expect(anyVersionListItem(request)).toEqual({
      id: request.id,
      status: 'NEW',
      person,
      version,
    });
  });

  it('lists a person without a last name with an empty one and no second name', () => {
    const person = personFromStored(
      aV3Body({ person: { names: [{ language: 'uk', first_name: 'Олена', no_last_name: true }] } })
        .person as JsonObject,
    );
    expect(anyVersionListItem(aPersonRequest({ person })).person).toEqual({
      first_name: 'Олена',
      last_name: '',
    });
  });
});
