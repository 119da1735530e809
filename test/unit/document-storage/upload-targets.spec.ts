import { RegisteredUploadTargets } from '../../../src/document-storage/application/upload-gate.js';
import { InMemoryUploadTarget } from '../../support/fakes/in-memory-upload-target.js';

const ID = '6f1c9a4e-2b0d-4a57-9a0e-3f2d9a7c1b55';

describe('the upload gate of registered targets', () => {
  it('keeps a kind that nobody registered closed, and runs nothing for it', async () => {
    const gate = new RegisteredUploadTargets();
    const ran: string[] = [];
    await expect(gate.isOpen('person_requests', ID)).resolves.toBe(false);
    await expect(
      gate.whileOpen('person_requests', ID, () => Promise.resolve(void ran.push('work'))),
    ).resolves.toBe(false);
    expect(ran).toEqual([]);
  });

  it.each([true, false])(
    'asks the target of the kind about the id and answers %s as it does',
    async (open) => {
      const target = new InMemoryUploadTarget(...(open ? [ID] : []));
      const targets = new RegisteredUploadTargets();
      targets.register('person_requests', target);
      await expect(targets.isOpen('person_requests', ID)).resolves.toBe(open);
      await expect(targets.isOpen('authentication_method_requests', ID)).resolves.toBe(false);
      expect(target.asked).toEqual([ID]);
    },
  );

  it.each([true, false])(
    'runs the work under the target of the kind only while it is open (%s)',
    async (open) => {
      const targets = new RegisteredUploadTargets();
      targets.register('person_requests', new InMemoryUploadTarget(...(open ? [ID] : [])));
      const ran: string[] = [];
      await expect(
        targets.whileOpen('person_requests', ID, () => Promise.resolve(void ran.push('work'))),
      ).resolves.toBe(open);
      expect(ran).toEqual(open ? ['work'] : []);
    },
  );

  it('passes a failing target’s error on (the database is down)', async () => {
    const targets = new RegisteredUploadTargets();
    targets.register('person_requests', {
      isOpen: () => Promise.reject(new Error('db down')),
      clientOf: () => Promise.reject(new Error('db down')),
      whileOpen: () => Promise.reject(new Error('db down')),
    });
    await expect(targets.isOpen('person_requests', ID)).rejects.toThrow('db down');
    await expect(targets.whileOpen('person_requests', ID, () => Promise.resolve())).rejects.toThrow(
      'db down',
    );
  });

  it('refuses a second target for one kind', () => {
    const targets = new RegisteredUploadTargets();
    const target = new InMemoryUploadTarget();
    targets.register('person_requests', target);
    expect(() => targets.register('person_requests', target)).toThrow('registered twice');
  });

  it.each(['', 'a/b', '..', 'kind with spaces', 'attempts'])('refuses the kind %j', (kind) => {
    expect(() => new RegisteredUploadTargets().register(kind, new InMemoryUploadTarget())).toThrow(
      'Not a document kind',
    );
  });
});
