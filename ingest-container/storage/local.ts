// Moved to storage/local.ts (shared with the API). Kept for tests/integration/ingest-fixtures.ts and
// ingest-loop.test.ts until they import '../../storage/local'; then delete this folder.
export { createLocalStorage, LOCAL_MEDIA_PREFIX } from '../../storage/local';
