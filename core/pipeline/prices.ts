// What an AI call cost, in USD, from dated price tables. ai_usage stores the cost computed when the
// call was made, so a price change only needs a new table with its date — old rows keep their price.
//
// THE FIGURES MUST BE CHECKED. They are OpenAI's public list prices (https://openai.com/api/pricing,
// Standard tier, no Batch/Flex discounts) as known in August 2025, after the GPT-5 launch on
// 2025-08-07; they were written from memory of that page, not re-read from it. Before relying on them
// for billing, compare them with the page and add a new table dated the day you checked.
//
// Rules:
// - Text models: USD per 1M tokens for input, cached input and output. OpenAI counts cached tokens
//   inside `prompt_tokens`, so (input − cached) is billed at the input rate and cached at the cached
//   rate (cached is capped at input).
// - gpt-image-1: a price per image by size and quality. The adapter always asks for quality
//   IMAGE_QUALITY ('medium'), never 'auto' (whose price the model picks), so that is the one priced.
//   The per-image price is what OpenAI publishes for the image's output tokens, so output tokens of an
//   image call are not billed again; its text prompt tokens are (at the model's text-input rate).
// - Moderation models are free; the offline engine costs nothing, whatever model name it reports.
// - Model names match exactly, then without a dated snapshot suffix ("gpt-4.1-mini-2025-04-14" is
//   "gpt-4.1-mini") and without a provider prefix ("openai/gpt-4.1").
// - An unknown model is priced by a fallback and flagged `basis: 'fallback'`: text at
//   FALLBACK_TEXT_MODEL's rates (the dearest current text model listed, so spend is over- rather than
//   under-stated — add a self-hosted model with zero rates to price it at 0), images as gpt-image-1
//   at IMAGE_QUALITY, moderation as free.
// - An image call without a size is priced at the dearest size.
// - Rounding: every part is summed exactly in millionths of a micro-dollar, then rounded once, half
//   up, to whole micro-dollars (1e-6 USD). The result is that number of micro-dollars / 1e6.
import type { AiCall } from './types';
import type { ImageSize } from './platforms';

export type ImageQuality = 'low' | 'medium' | 'high';

/** The quality the OpenAI adapter asks gpt-image-1 for, and so the one priced. */
export const IMAGE_QUALITY: ImageQuality = 'medium';

/** USD per 1M tokens. */
export interface TextModelPrice {
  input: number;
  cachedInput: number;
  output: number;
}

export interface ImageModelPrice {
  /** USD per image. */
  perImage: Record<ImageQuality, Record<ImageSize, number>>;
  /** USD per 1M text prompt tokens (and cached ones). */
  textInput: number;
  cachedTextInput: number;
}

export interface PriceTable {
  /** The day (UTC, YYYY-MM-DD) these prices apply from, until the next table's day. */
  effectiveFrom: string;
  /** Where the figures come from and when they were taken. */
  source: string;
  text: Record<string, TextModelPrice>;
  image: Record<string, ImageModelPrice>;
  /** Models that cost nothing (moderation). */
  free: string[];
}

const GPT_IMAGE_1: ImageModelPrice = {
  perImage: {
    low: { '1024x1024': 0.011, '1024x1536': 0.016, '1536x1024': 0.016 },
    medium: { '1024x1024': 0.042, '1024x1536': 0.063, '1536x1024': 0.063 },
    high: { '1024x1024': 0.167, '1024x1536': 0.25, '1536x1024': 0.25 },
  },
  textInput: 5,
  cachedTextInput: 1.25,
};

/** Oldest first. A call is priced by the last table whose day is on or before the call's day. */
export const PRICE_TABLES: readonly PriceTable[] = [
  {
    effectiveFrom: '2025-08-07',
    source: 'openai.com/api/pricing (Standard tier) as known in August 2025, from memory; to be checked',
    text: {
      'gpt-5': { input: 1.25, cachedInput: 0.125, output: 10 },
      'gpt-5-mini': { input: 0.25, cachedInput: 0.025, output: 2 },
      'gpt-5-nano': { input: 0.05, cachedInput: 0.005, output: 0.4 },
      'gpt-4.1': { input: 2, cachedInput: 0.5, output: 8 },
      'gpt-4.1-mini': { input: 0.4, cachedInput: 0.1, output: 1.6 },
      'gpt-4.1-nano': { input: 0.1, cachedInput: 0.025, output: 0.4 },
      'gpt-4o': { input: 2.5, cachedInput: 1.25, output: 10 },
      // The first gpt-4o snapshot kept its launch price and has no cached-input discount.
      'gpt-4o-2024-05-13': { input: 5, cachedInput: 5, output: 15 },
      'gpt-4o-mini': { input: 0.15, cachedInput: 0.075, output: 0.6 },
    },
    image: { 'gpt-image-1': GPT_IMAGE_1 },
    free: ['omni-moderation-latest', 'omni-moderation', 'text-moderation-latest', 'text-moderation-stable'],
  },
];

export const FALLBACK_TEXT_MODEL = 'gpt-4o';
export const FALLBACK_IMAGE_MODEL = 'gpt-image-1';

export interface CallPrice {
  usd: number;
  /** How the price was found: listed, free, the offline engine, or a fallback for an unknown model. */
  basis: 'table' | 'free' | 'offline' | 'fallback';
  /** The table used (its effectiveFrom). */
  table: string;
  /** The table entry the call was priced as. */
  pricedAs: string | null;
}

/** The table in effect on `at`'s UTC day; calls older than the first table use the first. */
export function tableAt(at: Date, tables: readonly PriceTable[] = PRICE_TABLES): PriceTable {
  if (Number.isNaN(at.getTime())) throw new RangeError('tableAt: invalid date');
  const day = at.toISOString().slice(0, 10);
  let chosen = tables[0];
  for (const table of tables) if (table.effectiveFrom <= day) chosen = table;
  return chosen;
}

const SNAPSHOT = /-\d{4}-\d{2}-\d{2}$/;

function lookup<T>(entries: Record<string, T>, model: string): [string, T] | null {
  const name = model.trim().toLowerCase();
  const candidates = [name, name.replace(SNAPSHOT, '')];
  const slash = name.lastIndexOf('/');
  if (slash >= 0) {
    const bare = name.slice(slash + 1);
    candidates.push(bare, bare.replace(SNAPSHOT, ''));
  }
  for (const c of candidates) if (Object.hasOwn(entries, c)) return [c, entries[c]];
  return null;
}

function isFree(table: PriceTable, model: string): string | null {
  const free = Object.fromEntries(table.free.map((m) => [m, true]));
  return lookup(free, model)?.[0] ?? null;
}

/** USD → micro-dollars, exactly for prices with at most 6 decimals. */
const micro = (usd: number) => Math.round(usd * 1e6);

function count(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`AiCall.${name} must be a whole number ≥ 0 (got ${value})`);
  return value;
}

/** Sum in micro-dollars × 1e6 (i.e. µ$ per 1M tokens × tokens), round once, back to USD. */
function toUsd(parts: number): number {
  return Math.round(parts / 1e6) / 1e6;
}

function textParts(price: TextModelPrice, call: AiCall): number {
  const input = count('inputTokens', call.inputTokens);
  const cached = Math.min(count('cachedTokens', call.cachedTokens), input);
  const output = count('outputTokens', call.outputTokens);
  return (input - cached) * micro(price.input) + cached * micro(price.cachedInput) + output * micro(price.output);
}

const DEAREST_SIZE: ImageSize = '1536x1024';

function imageParts(price: ImageModelPrice, call: AiCall): number {
  const images = count('images', call.images);
  const input = count('inputTokens', call.inputTokens);
  const cached = Math.min(count('cachedTokens', call.cachedTokens), input);
  const perImage = price.perImage[IMAGE_QUALITY][call.imageSize ?? DEAREST_SIZE];
  return images * micro(perImage) * 1e6 + (input - cached) * micro(price.textInput) + cached * micro(price.cachedTextInput);
}

export function priceOfCall(call: AiCall, at: Date): CallPrice {
  const table = tableAt(at);
  const base = { table: table.effectiveFrom };
  if (call.engine === 'offline') return { ...base, usd: 0, basis: 'offline', pricedAs: null };

  const image = lookup(table.image, call.model);
  if (image) return { ...base, usd: toUsd(imageParts(image[1], call)), basis: 'table', pricedAs: image[0] };
  const text = lookup(table.text, call.model);
  if (text) return { ...base, usd: toUsd(textParts(text[1], call)), basis: 'table', pricedAs: text[0] };
  const free = isFree(table, call.model);
  if (free) return { ...base, usd: 0, basis: 'free', pricedAs: free };

  switch (call.purpose) {
    case 'moderation':
      return { ...base, usd: 0, basis: 'fallback', pricedAs: null };
    case 'image': {
      const fallback = table.image[FALLBACK_IMAGE_MODEL];
      return { ...base, usd: toUsd(imageParts(fallback, call)), basis: 'fallback', pricedAs: FALLBACK_IMAGE_MODEL };
    }
    default: {
      const fallback = table.text[FALLBACK_TEXT_MODEL];
      return { ...base, usd: toUsd(textParts(fallback, call)), basis: 'fallback', pricedAs: FALLBACK_TEXT_MODEL };
    }
  }
}

/** The call's cost in USD, to the micro-dollar (see the rules at the top of this file). */
export function costOfCall(call: AiCall, at: Date): number {
  return priceOfCall(call, at).usd;
}
