/**
 * Entry point of the standalone service (`node dist/main.js`). Most of a start is spent loading
 * the framework's modules. `npm run build` bundles the service and its dependencies into one
 * file (dist/service.bundle.js, scripts/bundle.mjs), which is loaded when it is there; a plain
 * `nest build` leaves it out (its output directory is emptied first) and the service is loaded
 * from its modules. On Node 22 and later the compiled code is also cached on disk between starts
 * (node:module's compile cache, in the system's temporary directory). Then the service starts
 * (service.ts).
 */
import { existsSync } from 'node:fs';
import * as nodeModule from 'node:module';

const { enableCompileCache } = nodeModule as { enableCompileCache?: () => unknown };
enableCompileCache?.();
const bundle = new URL('./service.bundle.js', import.meta.url);
await (existsSync(bundle) ? import(bundle.href) : import('./service.js'));
