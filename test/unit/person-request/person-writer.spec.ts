import { PersonWriter } from '../../../src/person-request/application/person-writer.js';
import { ERRORS } from '../../../src/error-catalogue.js';
import {
  inMemoryPorts,
  relationshipStarterOf,
  type InMemoryPorts,
} from '../../support/fakes/in-memory-ports.js';
import { acting, aMethod, aPerson, aV3Person, NOW, PHONE, USER_ID } from '../../support/mothers.js';

const SETTINGS = { ttlDays: 30, noSelfAuthAge: 14, thirdPersonTermYears: 2 };
const MUM = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';

describe('PersonWriter', () => {
  let ports: InMemoryPorts;
  let writer: PersonWriter;

  beforeEach(() => {
    ports = inMemoryPorts(NOW);
    writer = new PersonWriter(ports.registry, relationshipStarterOf(ports), SETTINGS);
  });

  const write = (person: Record<string, unknown>) =>
    ports.uow.run(() => writer.write(aV3Person(person), acting(), NOW));

  describe('a new person', () => {
    it("creates them from the request's data (every name, birth place, phones), active and needing verification", async () => {
      const id = await write({
        documents: [
          { type: 'PASSPORT', number: 'АА123456', issued_at: '2010-06-01T00:00:00Z' },
          { type: 'NATIONAL_ID', number: '000123456', expiration_date: '2028-02-01' },
        ],
      });

      // The mothers' request data (aV3Person) names the mothers' registry person (aPerson), in
      // two languages, with a phone of their own.
      expect(ports.registry.get(id)).toEqual(
        aPerson({
          id,
          names: [
            { language: 'uk', firstName: 'Олена', lastName: 'Петренко', secondName: 'Іванівна' },
            { language: 'en', firstName: 'Olena', lastName: 'Petrenko', secondName: null },
          ],
          birthCountry: 'Україна',
          birthSettlement: 'Київ',
          phones: [{ type: 'MOBILE', number: PHONE }],
          status: 'active',
          verificationStatus: 'VERIFICATION_NEEDED',
          verificationReason: 'INITIAL',
          verificationComment: null,
          documents: [
            { type: 'PASSPORT', number: 'АА123456', issuedAt: '2010-06-01', expirationDate: null },
            {
              type: 'NATIONAL_ID',
              number: '000123456',
              issuedAt: null,
              expirationDate: '2028-02-01',
            },
          ],
          authenticationMethods: [
            {
              id: expect.any(String),
              type: 'OTP',
              phoneNumber: PHONE,
              value: null,
              alias: null,
              startedAt: NOW,
              endedAt: null,
              insertedAt: NOW,
            },
          ],
          insertedBy: USER_ID,
          updatedBy: USER_ID,
          insertedAt: NOW,
          updatedAt: NOW,
        }),
      );
    });

    it('gives an OFFLINE method no phone', async () => {
      const id = await write({ authentication_methods: [{ type: 'OFFLINE', alias: 'docs' }] });

      expect(ports.registry.get(id).authenticationMethods).toEqual([
        expect.objectContaining({ type: 'OFFLINE', phoneNumber: null, value: null, alias: 'docs' }),
      ]);
    });

    it.each([
      [
        'an adult, for the configured term',
        '1972-10-26',
        '2026-11-22T22:00:00.000Z',
        '2028-11-23T22:00:00.000Z',
      ],
      [
        'a minor, until the day before their 14th birthday',
        '2015-06-10',
        '2026-11-22T22:00:00.000Z',
        '2029-06-09T21:00:00.000Z',
      ],
    ])(
      'gives a THIRD_PERSON method of %s its term in Kyiv days',
      async (_n, birthDate, start, end) => {
        const id = await write({
          birth_date: birthDate,
          authentication_methods: [
            { type: 'THIRD_PERSON', value: MUM.toUpperCase(), alias: 'Mum' },
          ],
        });

        expect(ports.registry.get(id).authenticationMethods).toEqual([
          expect.objectContaining({
            type: 'THIRD_PERSON',
            value: MUM,
            alias: 'Mum',
            phoneNumber: null,
            startedAt: new Date(start),
            endedAt: new Date(end),
          }),
        ]);
      },
    );
  });

  describe('an existing person', () => {
    it('replaces their details (every name, birth place, phones) under their lock, keeping methods and verification', async () => {
      const existing = aPerson({
        firstName: 'Стара',
        birthDate: '1980-01-01',
        gender: 'FEMALE',
        taxId: null,
        noTaxId: true,
        verificationStatus: 'VERIFIED',
        authenticationMethods: [aMethod({ type: 'OFFLINE' })],
      });
      ports.registry.add(existing);

      const id = await write({
        id: existing.id,
        authentication_methods: undefined,
        names: [
          { language: 'en', first_name: 'Nova', no_last_name: true },
          { language: 'uk', first_name: 'Нова', last_name: 'Прізвище', no_last_name: false },
        ],
        birth_country: 'Польща',
        birth_settlement: 'Краків',
        phones: [{ type: 'LAND_LINE', number: '+48123456789' }, { number: '+380501112233' }],
        documents: [{ type: 'NATIONAL_ID', number: '1' }],
      });

      expect(id).toBe(existing.id);
      expect(ports.registry.locked).toEqual([existing.id]);
      expect(ports.registry.get(id)).toEqual({
        ...existing,
        firstName: 'Нова',
        lastName: 'Прізвище',
        secondName: null,
        names: [
          { language: 'en', firstName: 'Nova', lastName: null, secondName: null },
          { language: 'uk', firstName: 'Нова', lastName: 'Прізвище', secondName: null },
        ],
        birthDate: '1972-10-26',
        birthCountry: 'Польща',
        birthSettlement: 'Краків',
        phones: [
          { type: 'LAND_LINE', number: '+48123456789' },
          { type: null, number: '+380501112233' },
        ],
        gender: 'MALE',
        taxId: '2659719350',
        noTaxId: false,
        documents: [{ type: 'NATIONAL_ID', number: '1', issuedAt: null, expirationDate: null }],
        updatedBy: USER_ID,
        updatedAt: NOW,
      });
    });

    it('answers 404 when the person is gone, and writes nothing', async () => {
      await expect(write({ id: MUM, authentication_methods: undefined })).rejects.toMatchObject(
        ERRORS.personNotFound,
      );
      expect(ports.registry.all()).toEqual([]);
    });
  });
});
