// The one configuration schema of the product. Parsed once at start (Node entry, Worker entry,
// ingest) and passed in; nothing below the entry points reads process.env.
import { z } from 'zod';
import { sentryDsnProblem } from './sentry';

const optionalText = z.preprocess((v) => (v === '' ? undefined : v), z.string().min(1).optional());
const optionalUrl = z.preprocess((v) => (v === '' ? undefined : v), z.url().optional());
const intWithDefault = (fallback: number, min = 0) =>
  z.preprocess((v) => (v === '' || v === undefined ? undefined : v), z.coerce.number().int().min(min).default(fallback));
const boolWithDefault = (fallback: boolean) =>
  z.preprocess(
    (v) => (v === '' || v === undefined ? undefined : typeof v === 'string' ? v.toLowerCase() : v),
    z.union([z.boolean(), z.enum(['true', 'false', '1', '0', 'yes', 'no'])]).default(fallback).transform((v) => v === true || v === 'true' || v === '1' || v === 'yes'),
  );
const secret = z.preprocess((v) => (v === '' ? undefined : v), z.string().min(32, 'must be at least 32 characters').optional());

export const configSchema = z.object({
  APP_ENV: z.enum(['production', 'development', 'test']).default('development'),
  PORT: intWithDefault(8080, 0),
  HOST: z.string().default('127.0.0.1'),
  DATA_DIR: z.string().default('./data'),
  PUBLIC_URL: optionalUrl,
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),

  DATABASE_URL: z.preprocess((v) => (v === '' ? undefined : v), z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional()),
  DB_WAIT_TIMEOUT_MS: intWithDefault(60_000, 0),
  /** Workers only: route Neon's WebSocket through this relay (self-hosting, tests) instead of Neon's proxy. */
  NEON_WS_PROXY: optionalText,
  REDIS_URL: z.preprocess((v) => (v === '' ? undefined : v), z.string().regex(/^rediss?:\/\//, 'must be a redis:// URL').optional()),
  UPSTASH_REDIS_REST_URL: optionalUrl,
  UPSTASH_REDIS_REST_TOKEN: optionalText,

  QSTASH_URL: optionalUrl,
  QSTASH_TOKEN: optionalText,
  QSTASH_CURRENT_SIGNING_KEY: optionalText,
  QSTASH_NEXT_SIGNING_KEY: optionalText,

  OPENAI_API_KEY: optionalText,
  OPENAI_BASE_URL: optionalUrl,
  /** The text model (Editor, Image Brief); any model the OpenAI-compatible server serves. */
  OPENAI_TEXT_MODEL: z.string().min(1).default('gpt-4.1-mini'),
  OPENAI_IMAGE_MODEL: z.string().min(1).default('gpt-image-1'),
  OPENAI_MODERATION_MODEL: z.string().min(1).default('omni-moderation-latest'),
  /** One AI request's time limit; the SDK retries 429/5xx with backoff (honouring Retry-After) this many times. */
  OPENAI_TIMEOUT_MS: intWithDefault(60_000, 100),
  OPENAI_MAX_RETRIES: intWithDefault(2, 0),

  /** Node with PostgreSQL: hear the database's feed change notifications (LISTEN tgs_feed), so a
   *  cached feed page costs no round trip. Off behind a pooler that cannot LISTEN (PgBouncer in
   *  transaction mode); PGlite and Workers read the fingerprint every time whatever this says. */
  FEED_NOTIFICATIONS: boolWithDefault(true),

  SECRET_KEY: secret,
  INTERNAL_SECRET: secret,
  INGEST_INTERNAL_URL: optionalUrl,

  SUPABASE_URL: optionalUrl,
  SUPABASE_KEY: optionalText,
  SUPABASE_BUCKET: z.string().default('media'),
  SUPABASE_URL_POLICY: z.enum(['public', 'signed']).default('public'),
  SUPABASE_SIGNED_URL_TTL_SECONDS: intWithDefault(7 * 24 * 3600, 60),

  FRONTEND_ORIGINS: z
    .string()
    .default('')
    .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.url())),
  /** Error reports to Sentry (core/error-report.ts); off when unset. Checked as a DSN at start, never quoted. */
  SENTRY_DSN: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .optional()
      .superRefine((v, ctx) => {
        const problem = v === undefined ? null : sentryDsnProblem(v);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }),
  ),
  /** The reports' environment (default: APP_ENV) and release (default: tg-studio@<package.json version>). */
  SENTRY_ENVIRONMENT: optionalText,
  SENTRY_RELEASE: optionalText,

  TELEGRAM_AUTH_TOKEN: optionalText,
  TELEGRAM_BOT_USERNAME: optionalText,
  TELEGRAM_AUTH_MAX_AGE_SECONDS: intWithDefault(3600, 1),
  TELEGRAM_OIDC_CLIENT_ID: optionalText,
  TELEGRAM_OIDC_CLIENT_SECRET: optionalText,
  TELEGRAM_OIDC_ISSUER: optionalUrl,
  TELEGRAM_API_ID: intWithDefault(0, 0),
  TELEGRAM_API_HASH: optionalText,

  SESSION_TTL_SECONDS: intWithDefault(7 * 24 * 3600, 60),
  DEMO_LOGIN: boolWithDefault(true),
  /** Behind exactly one reverse proxy that appends the client to X-Forwarded-For (Node only; Workers use CF-Connecting-IP). */
  TRUST_PROXY: boolWithDefault(false),
  /** Scales every request rate limit (core/rate-limits.ts); e.g. 10 for a shared office address or load tests. */
  RATE_LIMIT_MULTIPLIER: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().positive().max(10_000).default(1)),

  SANDBOX_DATA_DIR: optionalText,
  SANDBOX_QR_DELAY_MS: intWithDefault(4000, 0),
  SANDBOX_2FA_PASSWORD: optionalText,
  /** How long one QR login attempt stays open before it reads EXPIRED. */
  QR_LOGIN_TTL_SECONDS: intWithDefault(300, 1),
  SANDBOX_START_AT: optionalText,
  SANDBOX_SPEED: z.coerce.number().positive().default(60),
  SANDBOX_FLOOD_RATE: z.coerce.number().min(0).max(1).default(0),
  SANDBOX_ERROR_RATE: z.coerce.number().min(0).max(1).default(0),

  /** The Node server evaluates rules this often (s) when jobs run in-process; 0 turns the timer off. */
  RULES_EVALUATE_SECONDS: intWithDefault(30, 0),

  INGEST_ENABLED: boolWithDefault(true),
  INGEST_POLL_MS: intWithDefault(5000, 50),
  /** Gap between two Telegram calls of one account; default 1000 ms on Telegram, 25 ms in the sandbox. */
  INGEST_ACCOUNT_PACING_MS: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(0).optional()),
  INGEST_BACKFILL_DAYS: intWithDefault(7, 0),
  INGEST_BACKFILL_MAX_POSTS: intWithDefault(500, 1),
  INGEST_LEASE_MS: intWithDefault(30_000, 1000),
});

type RawConfig = z.infer<typeof configSchema>;

export interface Config extends Omit<RawConfig, 'SECRET_KEY' | 'INTERNAL_SECRET'> {
  /** Signs session JWTs. */
  SECRET_KEY: string;
  /** Signs calls between the API and the ingest service. */
  INTERNAL_SECRET: string;
  /** SESSION_KEY_1..N in order; index 0 is version 1. */
  SESSION_KEYS: { version: number; key: string }[];
  isProduction: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

// Local-only fallbacks: deterministic so a restart keeps sessions valid; never used in production.
const LOCAL_SECRET = 'local-development-secret-not-for-production-use-000';
const LOCAL_SESSION_KEY = 'bG9jYWwtZGV2ZWxvcG1lbnQtc2Vzc2lvbi1rZXktMDA='; // 32 bytes, base64

function base64Length(value: string): number | null {
  try {
    return atob(value).length;
  } catch {
    return null;
  }
}

const SESSION_KEY_PATTERN = /^SESSION_KEY_(\d+)$/;

function collectSessionKeys(env: Record<string, string | undefined>, problems: string[]) {
  const keys: { version: number; key: string }[] = [];
  for (const [name, value] of Object.entries(env)) {
    const match = SESSION_KEY_PATTERN.exec(name);
    if (!match || !value) continue;
    const length = base64Length(value);
    if (length !== 32) problems.push(`${name}: must be 32 bytes encoded as base64 (got ${length ?? 'invalid base64'})`);
    keys.push({ version: Number(match[1]), key: value });
  }
  return keys.sort((a, b) => a.version - b.version);
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = configSchema.safeParse(env);
  const problems: string[] = [];
  if (!result.success) {
    for (const issue of result.error.issues) problems.push(`${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const sessionKeys = collectSessionKeys(env, problems);
  if (!result.success || problems.length) throw new ConfigError(problems);

  const raw = result.data;
  const isProduction = raw.APP_ENV === 'production';
  if (isProduction) {
    if (!raw.SECRET_KEY) problems.push('SECRET_KEY: required in production (32+ random characters)');
    if (!raw.INTERNAL_SECRET) problems.push('INTERNAL_SECRET: required in production (32+ random characters)');
    if (sessionKeys.length === 0) problems.push('SESSION_KEY_1: required in production (32 random bytes, base64)');
    if (!raw.PUBLIC_URL) problems.push('PUBLIC_URL: required in production (the app origin, https://...)');
    if (raw.TELEGRAM_AUTH_TOKEN === undefined && raw.TELEGRAM_OIDC_CLIENT_ID === undefined)
      problems.push('TELEGRAM_AUTH_TOKEN or TELEGRAM_OIDC_CLIENT_ID: required in production (no way to sign in otherwise)');
    if (problems.length) throw new ConfigError(problems);
  }
  return {
    ...raw,
    // Demo login is a local convenience and can never be switched on in production.
    DEMO_LOGIN: raw.DEMO_LOGIN && !isProduction,
    SECRET_KEY: raw.SECRET_KEY ?? LOCAL_SECRET,
    INTERNAL_SECRET: raw.INTERNAL_SECRET ?? LOCAL_SECRET,
    SESSION_KEYS: sessionKeys.length ? sessionKeys : [{ version: 1, key: LOCAL_SESSION_KEY }],
    isProduction,
  };
}

/** The origin the app is served from: PUBLIC_URL, or the local URL. */
export function appOrigin(config: Config): string {
  return config.PUBLIC_URL ? new URL(config.PUBLIC_URL).origin : `http://localhost:${config.PORT}`;
}
