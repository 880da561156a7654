// The local stand-in for the production QStash schedule: every N seconds, when the rankings have
// been refreshed since the last pass (the ingest process bumps their version) or a rule is new,
// edited or resumed, evaluate the rules.
import type { Logger } from '../../core/log';
import { rankingState } from '../../db/queries/ranking-clock';
import { hasUnevaluatedRules } from '../../db/queries/rules';
import type { Services } from '../services';
import { pipelineContext } from './pipeline';
import { evaluateRules } from './rules';

export function startRulesTimer(services: Services, everySeconds: number, log: Logger): ReturnType<typeof setInterval> | null {
  if (everySeconds <= 0) return null;
  let lastVersion = -1;
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      const { version } = await rankingState(services.database.db);
      if (version === lastVersion && !(await hasUnevaluatedRules(services.database.db))) return;
      const report = await evaluateRules(pipelineContext(services, log));
      lastVersion = version;
      if (report.fired.length || report.paused.length) log.info('rules evaluated', { rules: report.rules, fired: report.fired.length, paused: report.paused.length, rankingVersion: version });
    } catch (error) {
      log.error('rules evaluation failed', { error });
    } finally {
      running = false;
    }
  }, everySeconds * 1000);
  timer.unref?.();
  return timer;
}
