// Russian dictionary: the source of truth for keys. Keys are flat and prefixed by page
// (`feed.title`), one line each, so engineers adding keys to different pages don't collide.
// `{name}` placeholders are filled by t(key, { name }).
export const ru = {
  // App shell
  'app.name': 'TG Studio',
  'app.tagline': 'Новости из Telegram — в готовые посты',
  'nav.main': 'Основная навигация',
  'nav.groupRead': 'Чтение',
  'nav.groupCreate': 'Создание',
  'nav.groupAccount': 'Аккаунт',
  'nav.feed': 'Лента',
  'nav.top': 'Топ и темы',
  'nav.subscriptions': 'Подписки',
  'nav.packages': 'Пакеты',
  'nav.accounts': 'Аккаунты Telegram',
  'nav.usage': 'Использование',
  'nav.settings': 'Настройки',
  'header.language': 'Язык интерфейса',
  'header.openMenu': 'Открыть меню',
  'header.closeMenu': 'Закрыть меню',
  'header.signOut': 'Выйти',
  'header.plan': 'План: {plan}',
  'header.sandboxTelegram': 'Песочница Telegram',
  'header.sandboxTelegramHint': 'Каналы и сообщения берутся из встроенного набора данных, а не из Telegram.',
  'header.aiOffline': 'ИИ офлайн',
  'header.aiOfflineHint': 'Тексты и изображения создаёт встроенный офлайн-движок, а не модели OpenAI.',

  // Shared
  'common.loading': 'Загрузка…',
  'common.retry': 'Повторить',
  'common.errorTitle': 'Не удалось загрузить данные',
  'common.requestId': 'Код запроса: {id}',
  'common.networkError': 'Нет связи с сервером. Проверьте подключение и попробуйте ещё раз.',
  'common.notAvailableYet': 'Скоро',

  // Not found
  'notFound.title': 'Страница не найдена',
  'notFound.text': 'Такой страницы нет. Возможно, ссылка устарела.',
  'notFound.back': 'Вернуться к ленте',

  // Login
  'login.title': 'Вход в TG Studio',
  'login.subtitle': 'Следите за каналами, находите главное и превращайте сюжеты в готовые посты для любых площадок.',
  'login.button': 'Войти через Telegram',
  'login.hint': 'Мы получим только ваше имя, юзернейм и фото профиля. Пароль и номер телефона не передаются.',
  'login.featureFeed': 'Единая лента из ваших каналов',
  'login.featureTop': 'Топ новостей и темы за 24 часа и 7 дней',
  'login.featureAi': 'ИИ-редактор, изображения и пакеты для соцсетей',
  'login.unavailable': 'Вход через Telegram ещё не настроен на этом сервере.',
  'login.features': 'Что внутри',

  // Connect account (onboarding)
  'connect.title': 'Подключите Telegram-аккаунт',
  'connect.subtitle': 'TG Studio читает каналы от имени вашего аккаунта — только те, к которым у вас есть доступ.',
  'connect.step1': 'Откройте Telegram на телефоне.',
  'connect.step2': 'Перейдите в Настройки → Устройства → Подключить устройство.',
  'connect.step3': 'Наведите камеру на QR-код, который появится здесь.',
  'connect.qrPlaceholder': 'Здесь появится QR-код для входа',
  'connect.privacy': 'Сессия хранится в зашифрованном виде. Отключить аккаунт можно в любой момент на странице «Аккаунты».',

  // Accounts
  'accounts.title': 'Аккаунты Telegram',
  'accounts.subtitle': 'Подключённые MTProto-сессии, через которые читаются ваши каналы.',
  'accounts.scanQr': 'Сканировать QR',
  'accounts.emptyTitle': 'Аккаунтов пока нет',
  'accounts.emptyText': 'Здесь появятся подключённые аккаунты, их статус и кнопка удаления сессии. Подключите аккаунт по QR-коду, чтобы начать.',

  // Subscriptions
  'subscriptions.title': 'Подписки',
  'subscriptions.subtitle': 'Каналы, за которыми следит TG Studio: @username, ссылки t.me/… и приглашения.',
  'subscriptions.emptyTitle': 'Вы ещё не следите ни за одним каналом',
  'subscriptions.emptyText': 'Здесь появится список каналов с их статусом (публичный или приватный). Приватный канал можно добавить, только если его видит ваш подключённый аккаунт.',

  // Feed
  'feed.title': 'Лента',
  'feed.subtitle': 'Свежие сообщения из каналов, на которые вы подписаны.',
  'feed.emptyTitle': 'Лента пока пуста',
  'feed.emptyText': 'Здесь появятся сообщения ваших каналов с фильтрами по дате, каналу, типу и языку. Добавьте каналы в подписки — первые сообщения придут в течение нескольких минут.',
  'feed.toSubscriptions': 'Добавить каналы',

  // Top and topics
  'top.title': 'Топ и темы',
  'top.subtitle': 'Самое обсуждаемое в ваших каналах и похожие сообщения, собранные в темы.',
  'top.window24h': '24 часа',
  'top.window7d': '7 дней',
  'top.windowLabel': 'Период',
  'top.emptyTitle': 'Топ пока не сформирован',
  'top.emptyText': 'Здесь появятся самые заметные новости и темы за выбранный период: их рейтинг учитывает просмотры, скорость роста и число каналов. Из любой темы можно будет запустить «Сделать эксклюзив».',
  'topic.title': 'Тема',
  'topic.back': 'Ко всем темам',
  'topic.makeExclusive': 'Сделать эксклюзив',
  'topic.emptyTitle': 'Тема ещё не загружена',
  'topic.emptyText': 'Здесь появятся сообщения темы из разных каналов и кнопка запуска ИИ-конвейера: Редактор → Бриф изображений → Изображения → Публикатор.',
  'topic.subtitle': 'Тема №{id}',

  // Packages
  'packages.title': 'Пакеты',
  'packages.subtitle': 'Готовые публикации по площадкам: тексты, хэштеги, время выхода и изображения.',
  'packages.exportJson': 'Экспорт JSON',
  'packages.exportCsv': 'Экспорт CSV',
  'packages.emptyTitle': 'Пакетов пока нет',
  'packages.emptyText': 'Здесь появятся пакеты для Telegram, VK, X, Instagram и других площадок с предпросмотром и экспортом. Откройте тему в разделе «Топ и темы» и нажмите «Сделать эксклюзив».',
  'packages.toTop': 'Перейти к темам',

  // Settings
  'settings.title': 'Настройки',
  'settings.subtitle': 'Язык, тон текстов, часовой пояс и ваш план.',
  'settings.interface': 'Интерфейс',
  'settings.interfaceLanguage': 'Язык интерфейса',
  'settings.interfaceLanguageHint': 'Сохраняется в этом браузере.',
  'settings.content': 'Генерация',
  'settings.contentEmpty': 'Здесь можно будет выбрать язык и тон текстов, а также часовой пояс для расписания публикаций.',
  'settings.plan': 'План и лимиты',
  'settings.planEmpty': 'Сведения о плане появятся после входа.',

  // Usage
  'usage.windowLabel': 'Период',
  'usage.window.24h': '24 ч',
  'usage.window.7d': '7 дней',
  'usage.window.30d': '30 дней',
  'usage.window.90d': '90 дней',
  'usage.quotasTitle': 'Квоты за 30 дней',
  'usage.totalsTitle': 'Итого за период',
  'usage.calls': 'Вызовы',
  'usage.tokensIn': 'Токены (вход)',
  'usage.tokensOut': 'Токены (выход)',
  'usage.images': 'Изображения',
  'usage.cost': 'Стоимость',
  'usage.byModelTitle': 'По моделям',
  'usage.byPurposeTitle': 'По назначению',
  'usage.dailyTitle': 'По дням',
  'usage.title': 'Использование',
  'usage.subtitle': 'Токены и стоимость ИИ-вызовов, квоты вашего плана.',
  'usage.planTitle': 'Ваш план',
  'usage.limitsTitle': 'Лимиты',
  'usage.emptyTitle': 'ИИ-вызовов ещё не было',
  'usage.emptyText': 'Здесь появится расход за 30 дней: модели, токены на входе и выходе, стоимость и назначение каждого вызова. При достижении квоты генерация приостанавливается до следующего периода.',
  'usage.plan.free': 'Free',
  'usage.plan.pro': 'Pro',
  'usage.plan.enterprise': 'Enterprise',
  'usage.megabytes': '{n} МБ',
  'usage.limit.channels': 'Каналы',
  'usage.limit.accounts': 'Аккаунты Telegram',
  'usage.limit.mediaMaxBytes': 'Максимальный размер медиафайла',
  'usage.limit.generationsPer30d': 'Генерации за 30 дней',
  'usage.limit.imagesPer30d': 'Изображения за 30 дней',
  'usage.limit.aiCostUsdPer30d': 'Расходы на ИИ за 30 дней',
} as const;

export type DictKey = keyof typeof ru;
/** Every other language must provide exactly these keys. */
export type Dict = Record<DictKey, string>;
