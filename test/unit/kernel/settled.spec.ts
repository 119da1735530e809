import { settledInOrder } from '../../../src/kernel/application/settled.js';

const later = <T>(ms: number, value: T): Promise<T> =>
  new Promise((resolve) => setTimeout(() => resolve(value), ms));
const failLater = (ms: number, message: string): Promise<never> =>
  new Promise((_, reject) => setTimeout(() => reject(new Error(message)), ms));

describe('settledInOrder', () => {
  it('answers every value, in the order given', async () => {
    await expect(settledInOrder([later(20, 'a'), later(0, 1)])).resolves.toEqual(['a', 1]);
    await expect(settledInOrder([])).resolves.toEqual([]);
  });

  it('fails with the first failure in the order given, not the first in time', async () => {
    await expect(
      settledInOrder([later(0, 'ok'), failLater(30, 'first sent'), failLater(0, 'second sent')]),
    ).rejects.toThrow('first sent');
  });

  it('waits for every promise before it fails, so none is left unobserved', async () => {
    let settled = false;
    const slow = later(30, 'slow').then((v) => {
      settled = true;
      return v;
    });
    await expect(settledInOrder([failLater(0, 'fast'), slow])).rejects.toThrow('fast');
    expect(settled).toBe(true);
  });
});
