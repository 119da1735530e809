import { thirdPersonMethods } from '../../../src/person/application/third-person-methods.js';
import { currentMethodOf } from '../../../src/request-lifecycle/application/current-method-of.js';
import { InMemoryPersonRegistry } from '../../support/fakes/in-memory-person-registry.js';
import { aMethod, aPerson, NOW } from '../../support/mothers.js';

describe('the current method through the registry', () => {
  const mumOtp = aMethod({ type: 'OTP', phoneNumber: '+380501112233' });
  const mum = aPerson({ authenticationMethods: [mumOtp] });
  const dad = aPerson({ authenticationMethods: [aMethod({ type: 'OFFLINE' })] });
  const nobody = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
  let registry: InMemoryPersonRegistry;

  beforeEach(() => {
    registry = new InMemoryPersonRegistry().add(mum, dad);
  });

  it('looks up the methods of the persons the THIRD_PERSON rows name, and no one else', async () => {
    const methods = [
      aMethod({ type: 'OTP' }),
      aMethod({ type: 'THIRD_PERSON', value: mum.id }),
      aMethod({ type: 'THIRD_PERSON', value: nobody }),
    ];

    const found = await thirdPersonMethods(registry, methods);

    expect([...found.keys()]).toEqual([mum.id]);
    expect(found.get(mum.id)).toEqual([mumOtp]);
  });

  it.each([
    [
      'the own OTP before any third person',
      () => [aMethod({ type: 'THIRD_PERSON', value: mum.id }), aMethod({ type: 'OTP' })],
      { type: 'OTP', verifiedBy: 'OTP', phoneNumber: '+380971234567' },
    ],
    [
      "a third person's OTP, with their phone",
      () => [
        aMethod({ type: 'THIRD_PERSON', value: dad.id }),
        aMethod({ type: 'THIRD_PERSON', value: mum.id }),
      ],
      {
        type: 'THIRD_PERSON',
        verifiedBy: 'OTP',
        thirdPersonId: mum.id,
        phoneNumber: '+380501112233',
      },
    ],
    [
      "a third person's OFFLINE when none has OTP",
      () => [aMethod({ type: 'THIRD_PERSON', value: dad.id })],
      { type: 'THIRD_PERSON', verifiedBy: 'OFFLINE', thirdPersonId: dad.id },
    ],
    [
      'NA for a third person the registry does not know',
      () => [aMethod({ type: 'THIRD_PERSON', value: nobody })],
      { type: 'NA', verifiedBy: 'NA' },
    ],
  ])('resolves %s', async (_name, methods, expected) => {
    await expect(currentMethodOf(registry, methods(), NOW)).resolves.toEqual(expected);
  });
});
