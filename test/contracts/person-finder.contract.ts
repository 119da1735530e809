import type { PersonFinder } from '../../src/person/application/person-finder.port.js';
import type { PersonRegistry } from '../../src/person/application/person-registry.port.js';
import type { PersonSearchCriteria } from '../../src/person/domain/person-search.js';
import type { AuthMethod, Person } from '../../src/person/domain/person.js';
import { aMethod, aPerson, NOW } from '../support/mothers.js';

const DAY = 86_400_000;
const LAND_LINE = '+380442345678';
const OTP = '+380971234567';
const ENDED_OTP = '+380971111111';
const LATER_OTP = '+380971222222';
const name = (
  language: string,
  firstName: string,
  lastName: string | null = null,
  secondName: string | null = null,
) => ({ language, firstName, lastName, secondName });

/** A method with the stamps the registry reads back (none known: written by nobody in particular). */
const stamped = (m: AuthMethod): AuthMethod => ({
  ...m,
  insertedBy: null,
  updatedBy: null,
  updatedAt: m.insertedAt,
});

const POPULATION: Record<string, Person> = {
  olena: aPerson({
    names: [name('uk', 'Олена', 'Петренко', 'Іванівна'), name('en', 'Olena', 'Petrenko')],
    phones: [{ type: 'LAND_LINE', number: LAND_LINE }],
    documents: [
      { type: 'PASSPORT', number: 'АА123456', issuedAt: null, expirationDate: null },
      { type: 'BIRTH_CERTIFICATE', number: 'І-ЕР 1', issuedAt: null, expirationDate: null },
    ],
    authenticationMethods: [stamped(aMethod({ type: 'OTP', phoneNumber: OTP }))],
  }),
  twin: aPerson({
    secondName: null,
    taxId: null,
    authenticationMethods: [
      aMethod({ type: 'OTP', phoneNumber: ENDED_OTP, endedAt: new Date(NOW.getTime() - DAY) }),
      aMethod({ type: 'OTP', phoneNumber: LATER_OTP, endedAt: new Date(NOW.getTime() + DAY) }),
    ],
  }),
  inactive: aPerson({ status: 'inactive' }),
  solomiia: aPerson({
    firstName: 'Соломія',
    lastName: '',
    secondName: null,
    birthDate: '2001-03-03',
  }),
  maryana: aPerson({
    firstName: 'Мар’яна',
    lastName: 'Пʼятниця',
    secondName: null,
    birthDate: '1990-01-01',
  }),
  yivha: aPerson({
    firstName: 'ЇВГА'.normalize('NFD'),
    lastName: 'ҐАЛАҐАН',
    secondName: null,
    birthDate: '1980-02-29',
  }),
  stepan: aPerson({
    firstName: 'Степан',
    lastName: 'Гіга',
    secondName: null,
    birthDate: '1970-01-01',
  }),
  twoEn: aPerson({
    firstName: 'Марко',
    lastName: 'Вовчок',
    secondName: null,
    names: [
      name('uk', 'Марко', 'Вовчок'),
      name('en', 'Marko', 'Vovchok'),
      name('en', 'Maria', 'Vilinska'),
    ],
    birthDate: '1933-12-22',
  }),
  john: aPerson({
    firstName: 'John',
    lastName: 'Smith',
    secondName: null,
    names: [name('en', 'John', 'Smith')],
    birthDate: '1999-09-09',
  }),
};

const v1 = (firstName: string, lastName: string, birthDate = '1972-10-26') => ({
  language: null,
  firstName,
  lastName,
  birthDate,
});
const v2 = (language: string, firstName: string, birthDate = '1972-10-26') => ({
  language,
  firstName,
  birthDate,
});
const OLENA = v1('Олена', 'Петренко');

const CASES: [string, PersonSearchCriteria, string[]][] = [
  ['v1: the namesakes, active only', OLENA, ['olena', 'twin']],
  ['v1: another birth date', { ...OLENA, birthDate: '1972-10-25' }, []],
  ['v1: a second name', { ...OLENA, secondName: 'ІВАНІВНА' }, ['olena']],
  ['v1: an empty second name', { ...OLENA, secondName: '' }, ['twin']],
  ['v1: a tax id', { ...OLENA, taxId: '2659719350' }, ['olena']],
  ['v1: a phone of the person', { ...OLENA, phoneNumber: LAND_LINE }, ['olena']],
  ['v1: the phone of an active OTP method', { ...OLENA, phoneNumber: OTP }, ['olena']],
  ['v1: the phone of an ended OTP method', { ...OLENA, phoneNumber: ENDED_OTP }, []],
  ['v1: the phone of a method ending later', { ...OLENA, phoneNumber: LATER_OTP }, ['twin']],
  [
    'v1: a birth certificate',
    { ...OLENA, document: { type: 'BIRTH_CERTIFICATE', number: 'І-ЕР 1' } },
    ['olena'],
  ],
  [
    'v1: a passport number as birth certificate',
    { ...OLENA, document: { type: 'BIRTH_CERTIFICATE', number: 'АА123456' } },
    [],
  ],
  ['v1: no last name, asked as empty', v1('Соломія', '', '2001-03-03'), ['solomiia']],
  ['v1: no last name, asked as blank', v1('соломія', '  ', '2001-03-03'), ['solomiia']],
  ['v1: a last name the person has not', v1('Соломія', 'Петренко', '2001-03-03'), []],
  ['v1: other apostrophes', v1("Мар'яна", 'П’ятниця', '1990-01-01'), ['maryana']],
  ['v1: upper case stored, decomposed', v1('ївга', 'ґалаґан', '1980-02-29'), ['yivha']],
  ['v1: the only name when it is not uk', v1('JOHN', 'smith', '1999-09-09'), ['john']],
  ['v1: an en name of a person with a uk one', v1('Olena', 'Petrenko'), []],
  ['v2: uk, the namesakes', v2('uk', 'олена'), ['olena', 'twin']],
  ['v2: en', v2('en', 'Olena'), ['olena']],
  ['v2: en with a last name', { ...v2('en', 'olena'), lastName: 'PETRENKO' }, ['olena']],
  ['v2: en with an empty last name', { ...v2('en', 'Olena'), lastName: '' }, []],
  ['v2: the uk name under en', v2('en', 'Олена'), []],
  ['v2: a language nobody has', v2('pl', 'Olena'), []],
  ['v2: en only', v2('en', 'john', '1999-09-09'), ['john']],
  ['v2: the first entry of a language', v2('en', 'marko', '1933-12-22'), ['twoEn']],
  ['v2: a second entry of a language', v2('en', 'Maria', '1933-12-22'), []],
  ['v2: uk of an en-only person', v2('uk', 'John', '1999-09-09'), []],
  [
    'v2: a document',
    { ...v2('uk', 'Олена'), document: { type: 'PASSPORT', number: 'АА123456' } },
    ['olena', 'twin'],
  ],
];

export interface PersonFinderSubject {
  readonly registry: PersonRegistry;
  readonly finder: PersonFinder;
}

/**
 * The promises of the PersonFinder port (docs/domain-rules.md, Person search), kept by the
 * PostgreSQL adapter and by the fake the use-case specs rely on, on the same persons written
 * through each one's registry: the SQL finds exactly what `matchesSearch` says. `makeSubject`
 * answers a registry holding nobody, and the finder over it.
 */
export function describePersonFinderContract(
  subjectName: string,
  makeSubject: () => Promise<PersonFinderSubject>,
): void {
  describe(`the PersonFinder contract: ${subjectName}`, () => {
    let finder: PersonFinder;
    let registry: PersonRegistry;
    const labels = new Map<string, string>();

    beforeAll(async () => {
      ({ finder, registry } = await makeSubject());
      for (const [label, person] of Object.entries(POPULATION)) {
        await registry.create(person);
        labels.set(person.id, label);
      }
    });

    it.each(CASES)('finds %s', async (_case, criteria, expected) => {
      const found = await finder.findExact(criteria, NOW, 10);
      expect(found.map((p) => labels.get(p.id)).sort()).toEqual([...expected].sort());
    });

    it('finds the persons as written, every name and phone with them', async () => {
      const [olena] = await finder.findExact({ ...OLENA, taxId: '2659719350' }, NOW, 10);
      expect(olena).toEqual(POPULATION.olena);
    });

    it('stops at the limit', async () => {
      await expect(finder.findExact(OLENA, NOW, 1)).resolves.toHaveLength(1);
    });

    it('finds a person by their new names and birth date once their details are replaced', async () => {
      const stepan = POPULATION.stepan;
      await registry.updateDetails({
        ...stepan,
        firstName: 'Стефан',
        names: [name('uk', 'Стефан', 'Гіга'), name('en', 'Stefan', 'Giga')],
        birthDate: '1970-01-02',
      });
      await expect(finder.findExact(v1('Степан', 'Гіга', '1970-01-01'), NOW, 10)).resolves.toEqual(
        [],
      );
      const found = await finder.findExact(v2('en', 'stefan', '1970-01-02'), NOW, 10);
      expect(found.map((p) => p.id)).toEqual([stepan.id]);
      expect(found[0].names).toEqual([name('uk', 'Стефан', 'Гіга'), name('en', 'Stefan', 'Giga')]);
    });
  });
}
