// `npm run set-plan -- <telegram id or @username> <free|pro|enterprise>`: changes a user's plan.
// There is no billing in TG Studio: this is how an operator moves a user between plans.
import { ConfigError, parseConfig } from '../core/config';
import { createLogger } from '../core/log';
import { prepareDatabaseFromConfig } from '../db/migrate';
import { changePlan, PLAN_NAMES } from '../edge/services/plans';

const [ref, plan] = process.argv.slice(2).filter((a) => a !== '--');
if (!ref || !plan) {
  console.error(`usage: npm run set-plan -- <telegram id or @username> <${PLAN_NAMES.join('|')}>`);
  process.exit(2);
}
try {
  const config = parseConfig(process.env);
  const log = createLogger({ level: 'warn', base: { service: 'set-plan' } });
  const database = await prepareDatabaseFromConfig(config, log);
  try {
    const changed = await changePlan(database.db, ref, plan);
    console.log(`${changed.username ? '@' + changed.username : changed.tgId}: ${changed.from} → ${changed.to}`);
  } finally {
    await database.close();
  }
} catch (error) {
  console.error(error instanceof ConfigError || error instanceof Error ? error.message : String(error));
  process.exit(1);
}
