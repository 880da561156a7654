// Seeds two tenants, A and B, with a row in every user-owned table, plus a public channel both
// follow. A's text fields carry a unique marker so a leak shows up in any response body.
import { eq, inArray } from 'drizzle-orm';
import {
  aiUsage,
  channels,
  contentPackageItems,
  contentPackages,
  editorResults,
  imageBriefs,
  messages,
  pipelineRuns,
  qrLogins,
  subscriptions,
  tgAccounts,
  topicMessages,
  topics,
  userSettings,
  users,
  webhooks,
  ruleFirings,
  rules,
  webhookDeliveries,
} from '../../db/schema';
import type { Db } from '../../db/types';

let sequence = 0;
const uniqueNumber = () => 7_000_000_000 + Math.floor(Math.random() * 1_000_000_000) + sequence++;

async function insertOne<T>(rows: Promise<T[]>): Promise<T> {
  const [row] = await rows;
  return row;
}

export async function seedTenant(db: Db, label: string, sharedChannelId: number) {
  const marker = `ISOLATION-${label}-${crypto.randomUUID().slice(0, 8)}`;
  const user = await insertOne(
    db.insert(users).values({ tgId: uniqueNumber(), username: `${label.toLowerCase()}_${marker.slice(-8)}`, firstName: marker, lastName: marker }).returning(),
  );
  const settings = await insertOne(
    db.insert(userSettings).values({ userId: user.id, language: label === 'A' ? 'en' : 'ru', tone: `tone ${marker}`, timeZone: label === 'A' ? 'Asia/Tokyo' : 'Europe/Berlin' }).returning(),
  );
  const account = await insertOne(
    db.insert(tgAccounts).values({ userId: user.id, tgUserId: uniqueNumber(), username: `acc_${marker}`, firstName: marker, phone: `+7${uniqueNumber()}`, sessionCipher: `v1:${marker}`, kver: 1, isSandbox: true }).returning(),
  );
  const qrLogin = await insertOne(
    db.insert(qrLogins).values({ userId: user.id, status: 'PENDING', qrUrl: `tg://login?token=${marker}`, expiresAt: new Date(Date.now() + 10 * 60_000) }).returning(),
  );
  const privateChannel = await insertOne(
    db.insert(channels).values({ tgChannelId: uniqueNumber(), inviteHash: `inv${marker}`, title: `Private ${marker}`, about: marker, visibility: 'private', ownerAccountId: account.id, participantsCount: 1200 }).returning(),
  );
  const subscription = await insertOne(db.insert(subscriptions).values({ userId: user.id, channelId: privateChannel.id }).returning());
  await db.insert(subscriptions).values({ userId: user.id, channelId: sharedChannelId });
  const now = Date.now();
  const privateMessages = await db
    .insert(messages)
    .values([1, 2, 3].map((n) => ({ channelId: privateChannel.id, msgId: n, date: new Date(now - n * 3600_000), text: `Post ${n} ${marker}`, views: 100 * n, lang: 'en' as const })))
    .returning();
  const topic = await insertOne(
    db.insert(topics).values({ title: `Story ${marker}`, lang: 'en', originMessageId: privateMessages[0].id, originChannelId: privateChannel.id, firstSeenAt: new Date(now - 3 * 3600_000), lastSeenAt: new Date(now), messageCount: 3, channelCount: 1 }).returning(),
  );
  await db.insert(topicMessages).values(privateMessages.map((m) => ({ topicId: topic.id, messageId: m.id })));
  const pipelineRun = await insertOne(
    db.insert(pipelineRuns).values({ userId: user.id, topicId: topic.id, status: 'succeeded', step: 'publisher', progress: 100, stepsDone: ['editor', 'image_brief', 'images', 'publisher'], input: { topicId: topic.id, messageIds: null, platforms: ['telegram'], language: 'en', tone: 'neutral', briefCount: 1 } }).returning(),
  );
  const editorResult = await insertOne(
    db
      .insert(editorResults)
      .values({
        userId: user.id,
        runId: pipelineRun.id,
        topicId: topic.id,
        messageIds: privateMessages.map((m) => m.id),
        language: 'en',
        headline: `Headline ${marker}`,
        dek: marker,
        bodyVariants: { short: marker, medium: marker, long: marker },
        keyPoints: [marker],
        sourceLinks: [{ url: `https://t.me/c/${privateChannel.tgChannelId}/1`, channelTitle: marker, messageId: privateMessages[0].id }],
        originality: { short: noCopy, medium: noCopy, long: noCopy, rewrites: 0 },
      })
      .returning(),
  );
  const imageBrief = await insertOne(
    db.insert(imageBriefs).values({ userId: user.id, editorResultId: editorResult.id, title: marker, prompt: marker, negative: 'logos', size: '1024x1024', aspect: '1:1', caption: marker, briefHash: `hash-${marker}` }).returning(),
  );
  const contentPackage = await insertOne(db.insert(contentPackages).values({ userId: user.id, editorResultId: editorResult.id, runId: pipelineRun.id }).returning());
  const contentPackageItem = await insertOne(
    db
      .insert(contentPackageItems)
      .values({ packageId: contentPackage.id, platform: 'telegram', postTime: new Date(now + 3600_000), postText: { short: marker, medium: marker, long: marker }, hashtags: [`#${marker}`], cta: marker, counts: { short: { used: 1, limit: 1024 }, medium: { used: 1, limit: 1024 }, long: { used: 1, limit: 1024 } } })
      .returning(),
  );
  const usage = await insertOne(db.insert(aiUsage).values({ userId: user.id, runId: pipelineRun.id, model: 'gpt-test', inputTokens: 10, outputTokens: 20, costUsd: '0.001', purpose: 'editor' }).returning());
  const webhook = await insertOne(db.insert(webhooks).values({ userId: user.id, url: `https://hooks.example.com/${marker}`, secretCipher: `v1:${marker}`, events: ['package.ready'] }).returning());
  const rule = await insertOne(db.insert(rules).values({ userId: user.id, name: marker, minScore: 0.5, keywords: [marker], platforms: ['telegram'] }).returning());
  const ruleFiring = await insertOne(db.insert(ruleFirings).values({ ruleId: rule.id, userId: user.id, topicId: topic.id, topicTitle: marker, score: 0.9, channels: 1, runId: pipelineRun.id }).returning());
  const webhookDelivery = await insertOne(db.insert(webhookDeliveries).values({ webhookId: webhook.id, userId: user.id, messageId: `msg_${marker}`, eventType: 'package.ready', payload: { marker } }).returning());
  return { marker, user, settings, account, qrLogin, privateChannel, subscription, messages: privateMessages, topic, pipelineRun, editorResult, imageBrief, contentPackage, contentPackageItem, aiUsage: usage, webhook, rule, ruleFiring, webhookDelivery };
}

const noCopy = { longestSharedRun: 0, sharedNgramShare: 0, rougeL: 0, tooClose: false };

export type TenantSeed = Awaited<ReturnType<typeof seedTenant>>;

export interface IsolationWorld {
  a: TenantSeed;
  b: TenantSeed;
  /** A public channel both users follow; its posts carry no marker. */
  shared: { channel: typeof channels.$inferSelect; messages: (typeof messages.$inferSelect)[] };
}

export async function seedIsolationWorld(db: Db): Promise<IsolationWorld> {
  const channel = await insertOne(
    db.insert(channels).values({ tgChannelId: uniqueNumber(), username: `shared_${uniqueNumber()}`, title: 'Shared public channel', visibility: 'public', participantsCount: 50_000 }).returning(),
  );
  const sharedMessages = await db
    .insert(messages)
    .values([1, 2].map((n) => ({ channelId: channel.id, msgId: n, date: new Date(Date.now() - n * 1800_000), text: `Public post ${n}`, views: 1000 * n, lang: 'en' as const })))
    .returning();
  const a = await seedTenant(db, 'A', channel.id);
  const b = await seedTenant(db, 'B', channel.id);
  return { a, b, shared: { channel, messages: sharedMessages } };
}

/** Strings that must never appear in a response to B: A's marker and the ids of A's private rows. */
export function forbiddenStrings(seed: TenantSeed): string[] {
  return [
    seed.marker,
    seed.user.id,
    String(seed.user.tgId),
    seed.user.username ?? seed.marker,
    seed.account.id,
    String(seed.account.tgUserId),
    seed.qrLogin.id,
    String(seed.privateChannel.tgChannelId),
    seed.pipelineRun.id,
    seed.editorResult.id,
    seed.imageBrief.id,
    seed.contentPackage.id,
    seed.contentPackageItem.id,
    seed.webhook.id,
    seed.rule.id,
    seed.webhookDelivery.messageId,
  ];
}

/** Every user-owned row of a tenant, for before/after comparison. */
export async function snapshotTenant(db: Db, seed: TenantSeed) {
  const userId = seed.user.id;
  const packageIds = (await db.select({ id: contentPackages.id }).from(contentPackages).where(eq(contentPackages.userId, userId))).map((r) => r.id);
  return {
    users: await db.select().from(users).where(eq(users.id, userId)),
    settings: await db.select().from(userSettings).where(eq(userSettings.userId, userId)),
    accounts: await db.select().from(tgAccounts).where(eq(tgAccounts.userId, userId)),
    qrLogins: await db.select().from(qrLogins).where(eq(qrLogins.userId, userId)),
    subscriptions: await db.select().from(subscriptions).where(eq(subscriptions.userId, userId)),
    privateChannel: await db.select().from(channels).where(eq(channels.id, seed.privateChannel.id)),
    privateMessages: await db.select().from(messages).where(eq(messages.channelId, seed.privateChannel.id)),
    pipelineRuns: await db.select().from(pipelineRuns).where(eq(pipelineRuns.userId, userId)),
    editorResults: await db.select().from(editorResults).where(eq(editorResults.userId, userId)),
    imageBriefs: await db.select().from(imageBriefs).where(eq(imageBriefs.userId, userId)),
    contentPackages: await db.select().from(contentPackages).where(eq(contentPackages.userId, userId)),
    contentPackageItems: packageIds.length ? await db.select().from(contentPackageItems).where(inArray(contentPackageItems.packageId, packageIds)) : [],
    aiUsage: await db.select().from(aiUsage).where(eq(aiUsage.userId, userId)),
    webhooks: await db.select().from(webhooks).where(eq(webhooks.userId, userId)),
    rules: await db.select().from(rules).where(eq(rules.userId, userId)),
    ruleFirings: await db.select().from(ruleFirings).where(eq(ruleFirings.userId, userId)),
    webhookDeliveries: await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.userId, userId)),
  };
}
