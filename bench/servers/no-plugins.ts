// Variant A-no-plugins: the real API without its own Apollo plugins (cost limit
// and budget, error ids, operation log, metrics, cache headers), so that
// npm run bench:pipeline can tell their cost from Apollo's own.
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/open.js';
import { createApi } from '../../src/http/server.js';
import { createLogger } from '../../src/logger.js';

const config = loadConfig();
const db = openDatabase(config.DATABASE_PATH, { readonly: true });
const api = await createApi({ config, db, logger: createLogger(config), ownPlugins: false });
const url = await api.listen(config.PORT);
console.log(`READY ${url}`);
