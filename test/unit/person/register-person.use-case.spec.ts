import {
  RegisterPersonUseCase,
  type RegisterPersonCommand,
} from '../../../src/person/application/register-person.use-case.js';
import { PERSON_INVALID_TEXT } from '../../../src/person/domain/person-errors.js';
import { inMemoryPorts, type InMemoryPorts } from '../../support/fakes/in-memory-ports.js';
import { aPerson, NOW, USER_ID } from '../../support/mothers.js';

const command = (overrides: Partial<RegisterPersonCommand> = {}): RegisterPersonCommand => ({
  firstName: 'Олена',
  lastName: 'Петренко',
  birthDate: '1972-10-26',
  gender: 'FEMALE',
  taxId: '2659719350',
  noTaxId: false,
  documents: [{ type: 'PASSPORT', number: 'АА123456', issuedAt: null, expirationDate: null }],
  authenticationMethods: [{ type: 'OTP', phoneNumber: '+380971234567' }],
  actorId: USER_ID,
  ...overrides,
});

describe('RegisterPersonUseCase', () => {
  let ports: InMemoryPorts;
  let register: RegisterPersonUseCase;

  beforeEach(() => {
    ports = inMemoryPorts(NOW);
    register = new RegisterPersonUseCase(ports.registry, ports.uow, ports.clock);
  });

  it('stores an active person needing verification, as registered by the actor now', async () => {
    const person = await register.execute(command({ secondName: undefined, taxId: undefined }));

    expect(ports.registry.get(person.id)).toEqual(person);
    expect(person).toMatchObject({
      secondName: null,
      taxId: null,
      status: 'active',
      verificationStatus: 'VERIFICATION_NEEDED',
      verificationReason: 'INITIAL',
      verificationComment: null,
      insertedBy: USER_ID,
      updatedBy: USER_ID,
      insertedAt: NOW,
      updatedAt: NOW,
    });
  });

  it('stores its one name as the uk name, and the birth place and phones given', async () => {
    const person = await register.execute(
      command({
        secondName: 'Іванівна',
        birthCountry: 'Україна',
        birthSettlement: 'Київ',
        phones: [{ type: 'LAND_LINE', number: '+380442345678' }],
      }),
    );

    expect(ports.registry.get(person.id)).toMatchObject({
      names: [{ language: 'uk', firstName: 'Олена', lastName: 'Петренко', secondName: 'Іванівна' }],
      birthCountry: 'Україна',
      birthSettlement: 'Київ',
      phones: [{ type: 'LAND_LINE', number: '+380442345678' }],
    });
  });

  it('stores no birth place and no phones when none are given', async () => {
    const person = await register.execute(command());

    expect(ports.registry.get(person.id)).toMatchObject({
      birthCountry: null,
      birthSettlement: null,
      phones: [],
    });
  });

  it('keeps a status and verification status given by the caller', async () => {
    const person = await register.execute(
      command({ status: 'inactive', verificationStatus: 'VERIFIED' }),
    );

    expect(ports.registry.get(person.id)).toMatchObject({
      status: 'inactive',
      verificationStatus: 'VERIFIED',
    });
  });

  it('gives each method its own id, the phone only to OTP, the value only to THIRD_PERSON, in list order', async () => {
    const third = aPerson();
    ports.registry.add(third);

    const person = await register.execute(
      command({
        authenticationMethods: [
          { type: 'OTP', phoneNumber: '+380971234567', value: 'ignored', alias: 'mine' },
          { type: 'THIRD_PERSON', value: third.id, phoneNumber: '+380000000000', alias: 'Mum' },
        ],
      }),
    );

    const [otp, viaThird] = ports.registry.get(person.id).authenticationMethods;
    expect(otp).toMatchObject({
      type: 'OTP',
      phoneNumber: '+380971234567',
      value: null,
      alias: 'mine',
    });
    expect(viaThird).toMatchObject({ type: 'THIRD_PERSON', phoneNumber: null, value: third.id });
    expect(otp.id).not.toBe(viaThird.id);
    expect(otp.insertedAt.getTime()).toBeLessThan(viaThird.insertedAt.getTime());
    expect([otp.startedAt, otp.endedAt]).toEqual([NOW, null]);
  });

  it('refuses two own methods with 422 on the methods and stores nothing', async () => {
    await expect(
      register.execute(
        command({
          authenticationMethods: [
            { type: 'OTP', phoneNumber: '+380971234567' },
            { type: 'OFFLINE' },
          ],
        }),
      ),
    ).rejects.toMatchObject({
      code: 'validation',
      invalid: [{ entry: '$.authentication_methods', rule: 'length' }],
    });
    expect(ports.registry.all()).toEqual([]);
    expect(ports.journal.only('uow.')).toEqual([]);
  });

  it('refuses a THIRD_PERSON naming nobody with 422 at its index and stores nothing', async () => {
    const known = aPerson();
    ports.registry.add(known);

    await expect(
      register.execute(
        command({
          authenticationMethods: [
            { type: 'THIRD_PERSON', value: known.id },
            { type: 'THIRD_PERSON', value: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa' },
          ],
        }),
      ),
    ).rejects.toMatchObject({
      code: 'validation',
      invalid: [
        {
          entry: '$.authentication_methods[1].value',
          description: PERSON_INVALID_TEXT.noSuchPerson,
        },
      ],
    });
    expect(ports.registry.all()).toEqual([known]);
  });

  it('checks the third persons and stores the person in one unit of work', async () => {
    const third = aPerson();
    ports.registry.add(third);

    const person = await register.execute(
      command({ authenticationMethods: [{ type: 'THIRD_PERSON', value: third.id }] }),
    );

    expect(ports.journal.entries).toEqual([
      'uow.begin',
      `registry.findById ${third.id}`,
      `registry.create ${person.id}`,
      'uow.commit',
    ]);
  });
});
