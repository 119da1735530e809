/**
 * Port: the transaction boundary, decided by the use case. Everything the work does
 * through repositories commits together or not at all.
 */
export abstract class UnitOfWork {
  abstract run<T>(work: () => Promise<T>): Promise<T>;
}
