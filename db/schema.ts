// Every table of the product, a file per aggregate.
export * from './schema/enums';
export * from './schema/users';
export * from './schema/accounts';
export * from './schema/channels';
export * from './schema/messages';
export * from './schema/topics';
export * from './schema/content';
export * from './schema/kv';
export * from './schema/rules';
