import { pgEnum } from 'drizzle-orm/pg-core';
import { PIPELINE_STEPS } from '../../core/pipeline/platforms';

export const userRole = pgEnum('user_role', ['user', 'admin']);
export const plan = pgEnum('plan', ['free', 'pro', 'enterprise']);
export const uiLanguage = pgEnum('ui_language', ['ru', 'en']);
export const accountStatus = pgEnum('account_status', ['active', 'needs_relogin', 'flood_wait', 'disabled']);
export const qrLoginStatus = pgEnum('qr_login_status', ['PENDING', 'PASSWORD_NEEDED', 'AUTHORIZED', 'FAILED', 'EXPIRED']);
export const channelVisibility = pgEnum('channel_visibility', ['public', 'private']);
export const messageType = pgEnum('message_type', [
  'text', 'photo', 'video', 'document', 'audio', 'voice', 'video_note', 'animation', 'sticker', 'poll',
  'location', 'contact', 'album', 'webpage', 'service', 'other',
]);
export const messageLang = pgEnum('message_lang', ['ru', 'en', 'other']);
export const mediaKind = pgEnum('media_kind', ['photo', 'video', 'document', 'audio', 'voice', 'video_note', 'animation', 'sticker']);
export const rankingEntityKind = pgEnum('ranking_entity_kind', ['message', 'topic']);
export const rankingWindow = pgEnum('ranking_window', ['24h', '7d']);
export const pipelineStatus = pgEnum('pipeline_status', ['queued', 'running', 'succeeded', 'failed', 'cancelled']);
export const pipelineStep = pgEnum('pipeline_step', PIPELINE_STEPS);
