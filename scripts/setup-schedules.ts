// `npm run setup-schedules`: creates (or updates, same id) the production QStash schedule that
// evaluates rules after ranking refreshes: a cron calling POST <PUBLIC_URL>/queue/rules.evaluate,
// signed like every queue callback. Needs QSTASH_TOKEN and PUBLIC_URL; RULES_CRON overrides the
// default of every minute. Locally nothing is needed: the Node server runs a timer instead.
import { Client } from '@upstash/qstash';
import { ConfigError, parseConfig } from '../core/config';
import { queueCallbackUrl } from '../edge/adapters/queue/qstash';
import { RULE_JOB } from '../edge/services/rules';

export const RULES_SCHEDULE_ID = 'tg-studio-rules-evaluate';

try {
  const config = parseConfig(process.env);
  if (!config.QSTASH_TOKEN || !config.PUBLIC_URL) throw new Error('QSTASH_TOKEN and PUBLIC_URL are required to create the rules schedule');
  const cron = process.env.RULES_CRON?.trim() || '* * * * *';
  const client = new Client({ token: config.QSTASH_TOKEN, baseUrl: config.QSTASH_URL });
  const destination = queueCallbackUrl(config.PUBLIC_URL, RULE_JOB);
  const { scheduleId } = await client.schedules.create({ scheduleId: RULES_SCHEDULE_ID, destination, cron, body: '{}', headers: { 'content-type': 'application/json' }, retries: 0 });
  console.log(`schedule ${scheduleId}: ${cron} → POST ${destination}`);
} catch (error) {
  console.error(error instanceof ConfigError || error instanceof Error ? error.message : String(error));
  process.exit(1);
}
