import { describeDocumentStorageContract } from '../../contracts/document-storage.contract.js';
import { describeObjectStoreContract } from '../../contracts/object-store.contract.js';
import { InMemoryDocumentStorage } from '../../support/fakes/in-memory-document-storage.js';
import { MemoryObjectStore } from '../../support/fakes/memory-object-store.js';

/** Document storage's ports' contracts on the fakes the use-case specs run on. */
describeObjectStoreContract('the in-memory fake', () => {
  const store = new MemoryObjectStore();
  return Promise.resolve({
    store,
    read: (key) => Promise.resolve(store.objects.get(key)),
    close: () => Promise.resolve(),
  });
});

describeDocumentStorageContract('the in-memory fake', () => {
  const storage = new InMemoryDocumentStorage();
  return Promise.resolve({
    storage,
    read: (key) => Promise.resolve(storage.documents.get(key)?.bytes),
    close: () => Promise.resolve(),
  });
});
