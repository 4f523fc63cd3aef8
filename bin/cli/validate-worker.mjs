// Entry of a validation worker thread (validate-pool.ts): TypeScript through tsx, as
// bin/fidelity does for the main thread (harmless when the parent already loaded tsx).
import { register } from 'tsx/esm/api';

register();
await import('./validate-worker.ts');
