// Variant B: the real API with DataLoader batching off (one SQL statement per parent).
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/open.js';
import { createApi } from '../../src/http/server.js';
import { createLogger } from '../../src/logger.js';

const config = loadConfig();
const db = openDatabase(config.DATABASE_PATH, { readonly: true });
const api = await createApi({ config, db, logger: createLogger(config), loaderBatching: false });
const url = await api.listen(config.PORT);
console.log(`READY ${url}`);
