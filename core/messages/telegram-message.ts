// The structural subset of gramjs `Api.Message` that normalisation reads. Real `Api.Message`
// (and `Api.MessageService`) objects satisfy it, so core/ stays free of the `telegram` package
// while tests and the sandbox hand it the real classes.

/** gramjs `long` values are big-integer objects; plain numbers and bigints are accepted too. */
export type LongLike = number | bigint | { toString(): string };

export interface EntityLike {
  readonly className: string;
  readonly offset: number;
  readonly length: number;
  /** MessageEntityTextUrl */
  readonly url?: string;
}

export interface PhotoSizeLike {
  readonly className: string;
  readonly type?: string;
  readonly w?: number;
  readonly h?: number;
  readonly size?: number;
  /** PhotoSizeProgressive: the byte size of each progressive step, the last is the full one. */
  readonly sizes?: readonly number[];
}

export interface PhotoLike {
  readonly className: string;
  readonly id?: LongLike;
  readonly sizes?: readonly PhotoSizeLike[];
}

export interface DocumentAttributeLike {
  readonly className: string;
  readonly w?: number;
  readonly h?: number;
  readonly voice?: boolean;
  readonly roundMessage?: boolean;
  readonly fileName?: string;
}

export interface DocumentLike {
  readonly className: string;
  readonly id?: LongLike;
  readonly mimeType?: string;
  readonly size?: LongLike;
  readonly attributes?: readonly DocumentAttributeLike[];
}

export interface TextWithEntitiesLike {
  readonly text: string;
}

export interface MediaLike {
  readonly className: string;
  readonly photo?: PhotoLike;
  readonly document?: DocumentLike;
  /** MessageMediaPoll */
  readonly poll?: { readonly question: TextWithEntitiesLike | string; readonly answers: readonly { readonly text: TextWithEntitiesLike | string }[] };
  /** MessageMediaWebPage */
  readonly webpage?: { readonly className: string; readonly url?: string };
}

export interface ReactionLike {
  readonly className: string;
  /** ReactionEmoji */
  readonly emoticon?: string;
  /** ReactionCustomEmoji */
  readonly documentId?: LongLike;
}

export interface TelegramMessageLike {
  /** 'Message' or 'MessageService' (channel created, pinned, …). */
  readonly className?: string;
  readonly id: number;
  /** Unix seconds. */
  readonly date: number;
  readonly message?: string;
  readonly entities?: readonly EntityLike[];
  readonly media?: MediaLike;
  readonly views?: number;
  readonly forwards?: number;
  readonly replies?: { readonly replies: number };
  readonly reactions?: { readonly results: readonly { readonly reaction: ReactionLike; readonly count: number }[] };
  readonly postAuthor?: string;
  readonly groupedId?: LongLike;
  readonly fwdFrom?: { readonly fromId?: { readonly className: string; readonly channelId?: LongLike }; readonly channelPost?: number };
  readonly editDate?: number;
}
