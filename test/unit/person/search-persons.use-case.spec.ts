import {
  criteriaOf,
  parametersUsed,
  SearchPersonsUseCase,
  type PersonSearchQuery,
} from '../../../src/person/application/search-persons.use-case.js';
import { ERRORS } from '../../../src/error-catalogue.js';
import { inMemoryPorts, type InMemoryPorts } from '../../support/fakes/in-memory-ports.js';
import { aPerson, NOW } from '../../support/mothers.js';

const V1: PersonSearchQuery = {
  version: 1,
  parameters: { firstName: 'Олена', lastName: 'Петренко', birthDate: '1972-10-26' },
};
const namesake = (day: number) =>
  aPerson({
    insertedAt: new Date(Date.UTC(2026, 0, day)),
    updatedAt: new Date(Date.UTC(2026, 0, day)),
  });

describe('SearchPersonsUseCase', () => {
  let ports: InMemoryPorts;
  const search = (max: number) =>
    new SearchPersonsUseCase(ports.finder, ports.clock, { maxResults: max });

  beforeEach(() => {
    ports = inMemoryPorts(NOW);
  });

  it('answers every match up to the cap, oldest registration first, asking the finder for one more', async () => {
    const persons = [namesake(3), namesake(1), namesake(2)];
    ports.registry.add(...persons);

    const found = await search(3).execute(V1);

    expect(found.map((f) => f.person.id)).toEqual([persons[1].id, persons[2].id, persons[0].id]);
    expect(ports.journal.only('finder.')).toEqual(['finder.findExact 4']);
  });

  it('refuses a search with more matches than the cap, with too_many_results', async () => {
    ports.registry.add(namesake(1), namesake(2), namesake(3), namesake(4));

    await expect(search(3).execute(V1)).rejects.toMatchObject(ERRORS.tooManyResults);
  });

  it('answers nothing but exact matches of active persons', async () => {
    ports.registry.add(
      aPerson({ status: 'inactive' }),
      aPerson({ birthDate: '1972-10-27' }),
      aPerson({ firstName: 'Олена-Марія' }),
    );

    await expect(search(5).execute(V1)).resolves.toEqual([]);
  });

  it('repeats in each answer the tax id and phone searched by', async () => {
    const person = aPerson({ phones: [{ type: 'LAND_LINE', number: '+380442345678' }] });
    ports.registry.add(person);

    const found = await search(5).execute({
      version: 1,
      parameters: { ...V1.parameters, taxId: person.taxId!, phoneNumber: '+380442345678' },
    });

    expect(found).toEqual([
      {
        person,
        taxId: person.taxId,
        phones: [{ type: 'LAND_LINE', number: '+380442345678' }],
      },
    ]);
  });
});

describe('a search query', () => {
  it.each<[string, PersonSearchQuery, string[]]>([
    ['v1 with the required parameters', V1, ['birthDate', 'firstName', 'lastName']],
    [
      'v1 with every parameter',
      {
        version: 1,
        parameters: {
          ...V1.parameters,
          secondName: '',
          taxId: '2659719350',
          phoneNumber: '+380971234567',
          birthCertificate: '1',
        },
      },
      [
        'birthCertificate',
        'birthDate',
        'firstName',
        'lastName',
        'phoneNumber',
        'secondName',
        'taxId',
      ],
    ],
    [
      'v2 with a document',
      {
        version: 2,
        parameters: {
          language: 'uk',
          firstName: 'Олена',
          birthDate: '1972-10-26',
          documentType: 'PASSPORT',
          documentNumber: 'АА123456',
        },
      },
      ['birthDate', 'documentNumber', 'documentType', 'firstName', 'language'],
    ],
  ])('names the parameters of %s, never their values', (_name, query, names) => {
    expect(parametersUsed(query)).toEqual(names);
  });

  it.each<[string, PersonSearchQuery, Record<string, unknown>]>([
    [
      'v1: the registry name, a birth certificate as a BIRTH_CERTIFICATE document',
      { version: 1, parameters: { ...V1.parameters, birthCertificate: 'І-ЕР 1' } },
      {
        language: null,
        firstName: 'Олена',
        lastName: 'Петренко',
        birthDate: '1972-10-26',
        document: { type: 'BIRTH_CERTIFICATE', number: 'І-ЕР 1' },
      },
    ],
    [
      'v2: the language, an empty last name kept as asked',
      {
        version: 2,
        parameters: { language: 'en', firstName: 'Olena', birthDate: '1972-10-26', lastName: '' },
      },
      { language: 'en', firstName: 'Olena', lastName: '', birthDate: '1972-10-26' },
    ],
    [
      'v2: the document type and number',
      {
        version: 2,
        parameters: {
          language: 'uk',
          firstName: 'Олена',
          birthDate: '1972-10-26',
          documentType: 'PASSPORT',
          documentNumber: 'АА123456',
        },
      },
      {
        language: 'uk',
        firstName: 'Олена',
        birthDate: '1972-10-26',
        document: { type: 'PASSPORT', number: 'АА123456' },
      },
    ],
  ])('compares %s', (_name, query, criteria) => {
    expect(criteriaOf(query)).toEqual(criteria);
  });
});
