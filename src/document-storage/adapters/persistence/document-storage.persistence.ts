import type { DatabaseSchema } from '../../../platform/database/schema.js';

/** Document storage keeps no table of its own. */
export const DOCUMENT_STORAGE_PERSISTENCE: DatabaseSchema = { entities: [], migrations: [] };
