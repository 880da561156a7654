// Routes of the product. Pages load lazily, so each page's code ships only when it's opened.
import { Route, Router, type RouteSectionProps } from '@solidjs/router';
import { lazy, Suspense } from 'solid-js';
import { AppShell } from './components/AppShell';
import { GuestOnly, RequireAuth } from './components/Guards';
import { OnboardingGate } from './components/OnboardingGate';
import { Spinner } from './components/Spinner';
import { t } from './i18n';

const LoginPage = lazy(() => import('./pages/LoginPage'));
const ConnectPage = lazy(() => import('./pages/ConnectPage'));
const AccountsPage = lazy(() => import('./pages/AccountsPage'));
const SubscriptionsPage = lazy(() => import('./pages/SubscriptionsPage'));
const FeedPage = lazy(() => import('./pages/FeedPage'));
const TopPage = lazy(() => import('./pages/TopPage'));
const TopicPage = lazy(() => import('./pages/TopicPage'));
const PackagesPage = lazy(() => import('./pages/PackagesPage'));
const PackagePage = lazy(() => import('./pages/PackagePage'));
const SettingsPage = lazy(() => import('./pages/SettingsPage'));
const UsagePage = lazy(() => import('./pages/UsagePage'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage'));

const PageFallback = () => <Spinner label={t('common.loading')} />;

/** A user without a Telegram account lands on "Connect by QR" instead of an empty feed. */
const FeedWithOnboarding = () => (
  <OnboardingGate>
    <FeedPage />
  </OnboardingGate>
);

function SignedInLayout(props: RouteSectionProps) {
  return (
    <RequireAuth>
      <AppShell>
        <Suspense fallback={<PageFallback />}>{props.children}</Suspense>
      </AppShell>
    </RequireAuth>
  );
}

function GuestLayout(props: RouteSectionProps) {
  return (
    <GuestOnly>
      <Suspense fallback={<PageFallback />}>{props.children}</Suspense>
    </GuestOnly>
  );
}

export function App() {
  return (
    <Router>
      <Route path="/login" component={GuestLayout}>
        <Route path="/" component={LoginPage} />
      </Route>
      <Route path="/" component={SignedInLayout}>
        <Route path={['/', '/feed']} component={FeedWithOnboarding} />
        <Route path="/connect" component={ConnectPage} />
        <Route path="/accounts" component={AccountsPage} />
        <Route path="/subscriptions" component={SubscriptionsPage} />
        <Route path="/top" component={TopPage} />
        <Route path="/topics/:id" component={TopicPage} />
        <Route path="/packages" component={PackagesPage} />
        <Route path="/packages/:id" component={PackagePage} />
        <Route path="/settings" component={SettingsPage} />
        <Route path="/usage" component={UsagePage} />
        <Route path="*404" component={NotFoundPage} />
      </Route>
    </Router>
  );
}
