// English dictionary. Typed as Dict, so a key missing here or unknown to ru.ts fails `tsc`.
import type { Dict } from './ru';

export const en: Dict = {
  // App shell
  'app.name': 'TG Studio',
  'app.tagline': 'Telegram news, turned into ready posts',
  'nav.main': 'Main navigation',
  'nav.groupRead': 'Read',
  'nav.groupCreate': 'Create',
  'nav.groupAccount': 'Account',
  'nav.feed': 'Feed',
  'nav.top': 'Top & topics',
  'nav.subscriptions': 'Subscriptions',
  'nav.packages': 'Packages',
  'nav.accounts': 'Telegram accounts',
  'nav.usage': 'Usage',
  'nav.settings': 'Settings',
  'header.language': 'Interface language',
  'header.openMenu': 'Open menu',
  'header.closeMenu': 'Close menu',
  'header.signOut': 'Sign out',
  'header.plan': 'Plan: {plan}',
  'header.sandboxTelegram': 'Telegram sandbox',
  'header.sandboxTelegramHint': 'Channels and posts come from a bundled data set, not from Telegram.',
  'header.aiOffline': 'Offline AI',
  'header.aiOfflineHint': 'Texts and images are made by the built-in offline engine, not by OpenAI models.',

  // Shared
  'common.loading': 'Loading…',
  'common.retry': 'Retry',
  'common.errorTitle': 'Could not load data',
  'common.requestId': 'Request ID: {id}',
  'common.networkError': 'Cannot reach the server. Check your connection and try again.',
  'common.notAvailableYet': 'Soon',

  // Not found
  'notFound.title': 'Page not found',
  'notFound.text': 'There is no such page. The link may be out of date.',
  'notFound.back': 'Back to the feed',

  // Login
  'login.title': 'Sign in to TG Studio',
  'login.subtitle': 'Follow channels, find what matters and turn stories into ready posts for every platform.',
  'login.button': 'Sign in with Telegram',
  'login.hint': 'We only receive your name, username and profile photo. Your password and phone number are never shared.',
  'login.featureFeed': 'One feed from all your channels',
  'login.featureTop': 'Top news and topics for 24 hours and 7 days',
  'login.featureAi': 'AI editor, images and social media packages',
  'login.unavailable': 'Telegram sign-in is not configured on this server yet.',
  'login.features': 'What you get',

  // Connect account (onboarding)
  'connect.title': 'Connect your Telegram account',
  'connect.subtitle': 'TG Studio reads channels on behalf of your account — only those you can access.',
  'connect.step1': 'Open Telegram on your phone.',
  'connect.step2': 'Go to Settings → Devices → Link Desktop Device.',
  'connect.step3': 'Point the camera at the QR code that appears here.',
  'connect.qrPlaceholder': 'The sign-in QR code will appear here',
  'connect.privacy': 'The session is stored encrypted. You can disconnect the account at any time on the Accounts page.',

  // Accounts
  'accounts.title': 'Telegram accounts',
  'accounts.subtitle': 'Connected MTProto sessions used to read your channels.',
  'accounts.scanQr': 'Scan QR',
  'accounts.emptyTitle': 'No accounts yet',
  'accounts.emptyText': 'Connected accounts will appear here with their status and a button to remove the session. Connect an account with a QR code to get started.',

  // Subscriptions
  'subscriptions.title': 'Subscriptions',
  'subscriptions.subtitle': 'Channels TG Studio follows for you: @username, t.me/… links and invites.',
  'subscriptions.emptyTitle': 'You are not following any channels yet',
  'subscriptions.emptyText': 'Your channels will be listed here with their status (public or private). A private channel can be added only if your connected account can see it.',

  // Feed
  'feed.title': 'Feed',
  'feed.subtitle': 'Fresh posts from the channels you follow.',
  'feed.emptyTitle': 'Your feed is empty',
  'feed.emptyText': 'Posts from your channels will appear here, with filters by date, channel, type and language. Add channels to your subscriptions — the first posts arrive within a few minutes.',
  'feed.toSubscriptions': 'Add channels',

  // Top and topics
  'top.title': 'Top & topics',
  'top.subtitle': 'What your channels talk about most, with similar posts grouped into topics.',
  'top.window24h': '24 hours',
  'top.window7d': '7 days',
  'top.windowLabel': 'Period',
  'top.emptyTitle': 'No top stories yet',
  'top.emptyText': 'The most notable stories and topics for the chosen period will appear here, ranked by views, growth and how many channels cover them. From any topic you will be able to run “Make exclusive”.',
  'topic.title': 'Topic',
  'topic.back': 'All topics',
  'topic.makeExclusive': 'Make exclusive',
  'topic.emptyTitle': 'This topic is not loaded yet',
  'topic.emptyText': 'Posts of this topic from different channels will appear here, with a button to run the AI pipeline: Editor → Image brief → Images → Publisher.',
  'topic.subtitle': 'Topic #{id}',

  // Packages
  'packages.title': 'Packages',
  'packages.subtitle': 'Ready posts per platform: texts, hashtags, posting time and images.',
  'packages.exportJson': 'Export JSON',
  'packages.exportCsv': 'Export CSV',
  'packages.emptyTitle': 'No packages yet',
  'packages.emptyText': 'Packages for Telegram, VK, X, Instagram and other platforms will appear here with a preview and export. Open a topic in “Top & topics” and press “Make exclusive”.',
  'packages.toTop': 'Go to topics',

  // Settings
  'settings.title': 'Settings',
  'settings.subtitle': 'Language, writing tone, time zone and your plan.',
  'settings.interface': 'Interface',
  'settings.interfaceLanguage': 'Interface language',
  'settings.interfaceLanguageHint': 'Saved in this browser.',
  'settings.content': 'Generation',
  'settings.contentEmpty': 'Here you will choose the language and tone of generated texts and the time zone used to schedule posts.',
  'settings.plan': 'Plan and limits',
  'settings.planEmpty': 'Plan details appear after you sign in.',

  // Usage
  'usage.title': 'Usage',
  'usage.subtitle': 'Tokens and cost of AI calls, and your plan’s quotas.',
  'usage.planTitle': 'Your plan',
  'usage.limitsTitle': 'Limits',
  'usage.emptyTitle': 'No AI calls yet',
  'usage.emptyText': 'Spending for the last 30 days will appear here: models, input and output tokens, cost and purpose of each call. When a quota is reached, generation pauses until the next period.',
  'usage.plan.free': 'Free',
  'usage.plan.pro': 'Pro',
  'usage.plan.enterprise': 'Enterprise',
  'usage.megabytes': '{n} MB',
  'usage.limit.channels': 'Channels',
  'usage.limit.accounts': 'Telegram accounts',
  'usage.limit.mediaMaxBytes': 'Largest media file',
  'usage.limit.generationsPer30d': 'Generations per 30 days',
  'usage.limit.imagesPer30d': 'Images per 30 days',
  'usage.limit.aiCostUsdPer30d': 'AI spend per 30 days',
};
