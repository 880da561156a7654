// Chooses the Telegram gateway from configuration: gramjs when API credentials are set, else the sandbox.
import { telegramGatewayKind } from '../../core/accounts/gateway-kind';
import type { Config } from '../../core/config';
import type { Logger } from '../../core/log';
import type { TelegramGateway } from './port';
import { GramjsGateway } from './gramjs';
import { SandboxGateway } from './sandbox';
import { createSandboxChannels } from './sandbox/channels';

export function selectTelegramGateway(config: Config, log: Logger): TelegramGateway {
  if (telegramGatewayKind(config) === 'telegram') {
    return new GramjsGateway({ apiId: config.TELEGRAM_API_ID, apiHash: config.TELEGRAM_API_HASH!, log: log.child({ gateway: 'gramjs' }) });
  }
  return new SandboxGateway({
    qrDelayMs: config.SANDBOX_QR_DELAY_MS,
    password: config.SANDBOX_2FA_PASSWORD,
    channels: createSandboxChannels(config),
  });
}
