import { RegisteredUploadTargets } from '../../../src/document-storage/application/upload-gate.js';

const ID = '6f1c9a4e-2b0d-4a57-9a0e-3f2d9a7c1b55';

describe('the upload gate of registered targets', () => {
  it('keeps a kind that nobody registered closed', async () => {
    await expect(new RegisteredUploadTargets().isOpen('person_requests', ID)).resolves.toBe(false);
  });

  it.each([true, false])(
    'asks the target of the kind about the id and answers %s as it does',
    async (open) => {
      const asked: string[] = [];
      const targets = new RegisteredUploadTargets();
      targets.register('person_requests', {
        isOpen: (id) => {
          asked.push(id);
          return Promise.resolve(open);
        },
      });
      await expect(targets.isOpen('person_requests', ID)).resolves.toBe(open);
      await expect(targets.isOpen('authentication_method_requests', ID)).resolves.toBe(false);
      expect(asked).toEqual([ID]);
    },
  );

  it('passes a failing target’s error on (the database is down)', async () => {
    const targets = new RegisteredUploadTargets();
    targets.register('person_requests', { isOpen: () => Promise.reject(new Error('db down')) });
    await expect(targets.isOpen('person_requests', ID)).rejects.toThrow('db down');
  });

  it('refuses a second target for one kind', () => {
    const targets = new RegisteredUploadTargets();
    const target = { isOpen: () => Promise.resolve(true) };
    targets.register('person_requests', target);
    expect(() => targets.register('person_requests', target)).toThrow('registered twice');
  });

  it.each(['', 'a/b', '..', 'kind with spaces'])('refuses the kind %j', (kind) => {
    expect(() =>
      new RegisteredUploadTargets().register(kind, { isOpen: () => Promise.resolve(true) }),
    ).toThrow('Not a document kind');
  });
});
