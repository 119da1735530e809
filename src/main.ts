/**
 * Entry point of the standalone service (`node dist/main.js`). Most of a start is spent loading
 * the framework's modules; on Node 22 and later their compiled code is cached on disk between
 * starts (node:module's compile cache, in the system's temporary directory). Then the service
 * itself is loaded and started (service.ts).
 */
import * as nodeModule from 'node:module';

const { enableCompileCache } = nodeModule as { enableCompileCache?: () => unknown };
enableCompileCache?.();
await import('./service.js');
