// The signed-in layout: sidebar navigation (a drawer under 900px), top bar, page content.
import { A, useLocation } from '@solidjs/router';
import { createEffect, createSignal, For, on, type JSX } from 'solid-js';
import { t, type DictKey } from '../i18n';
import { Brand } from './Brand';
import { Icon, type IconName } from './Icon';
import { LanguageSwitch } from './LanguageSwitch';
import { SandboxBadges } from './SandboxBadges';
import { UserMenu } from './UserMenu';

interface NavItem {
  href: string;
  label: DictKey;
  icon: IconName;
  /** Other paths that belong to this section (e.g. a topic belongs to Top). */
  also?: string[];
}

const NAV: { group: DictKey; items: NavItem[] }[] = [
  {
    group: 'nav.groupRead',
    items: [
      { href: '/feed', label: 'nav.feed', icon: 'feed', also: ['/'] },
      { href: '/top', label: 'nav.top', icon: 'top', also: ['/topics/'] },
      { href: '/subscriptions', label: 'nav.subscriptions', icon: 'subscriptions' },
    ],
  },
  { group: 'nav.groupCreate', items: [{ href: '/packages', label: 'nav.packages', icon: 'packages' }] },
  {
    group: 'nav.groupAccount',
    items: [
      { href: '/accounts', label: 'nav.accounts', icon: 'accounts', also: ['/connect'] },
      { href: '/usage', label: 'nav.usage', icon: 'usage' },
      { href: '/settings', label: 'nav.settings', icon: 'settings' },
    ],
  },
];

function isActive(item: NavItem, path: string) {
  if (path === item.href || path.startsWith(item.href + '/')) return true;
  return (item.also ?? []).some((p) => (p.endsWith('/') && p !== '/' ? path.startsWith(p) : path === p));
}

export function AppShell(props: { children?: JSX.Element }) {
  const location = useLocation();
  const [open, setOpen] = createSignal(false);
  // Close the drawer after navigating on a phone.
  createEffect(on(() => location.pathname, () => setOpen(false), { defer: true }));

  return (
    <div class="shell" classList={{ 'nav-open': open() }}>
      <a class="skip-link" href="#main">
        {t('nav.main')}
      </a>
      <aside class="sidebar" id="sidebar">
        <div class="sidebar-head">
          <Brand />
          <button type="button" class="icon-btn sidebar-close" aria-label={t('header.closeMenu')} onClick={() => setOpen(false)}>
            <Icon name="close" />
          </button>
        </div>
        <nav aria-label={t('nav.main')}>
          <For each={NAV}>
            {(section) => (
              <div class="nav-group">
                <div class="nav-group-title">{t(section.group)}</div>
                <For each={section.items}>
                  {(item) => (
                    <A
                      href={item.href}
                      class="nav-link"
                      // Our own match wins over A's prefix match: "/" and /topics/* belong to sections too.
                      classList={{ active: isActive(item, location.pathname) }}
                    >
                      <Icon name={item.icon} />
                      <span>{t(item.label)}</span>
                    </A>
                  )}
                </For>
              </div>
            )}
          </For>
        </nav>
        <div class="sidebar-footer">
          {/* On phones the top bar has no room for these labels, so the drawer carries them. */}
          <div class="sidebar-sandbox">
            <SandboxBadges />
          </div>
          {t('app.tagline')}
        </div>
      </aside>
      <div class="scrim" onClick={() => setOpen(false)} aria-hidden="true" />
      <div class="main-column">
        <header class="topbar">
          <button
            type="button"
            class="icon-btn menu-btn"
            aria-label={t('header.openMenu')}
            aria-controls="sidebar"
            aria-expanded={open()}
            onClick={() => setOpen(true)}
          >
            <Icon name="menu" />
          </button>
          <span class="topbar-brand">{t('app.name')}</span>
          <div class="topbar-spacer" />
          <SandboxBadges />
          <LanguageSwitch />
          <UserMenu />
        </header>
        <main class="content" id="main" tabindex="-1">
          {props.children}
        </main>
      </div>
    </div>
  );
}
