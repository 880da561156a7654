import { useNavigate } from '@solidjs/router';
import { Show } from 'solid-js';
import { t } from '../i18n';
import { displayName, me, signOut } from '../lib/session';
import { Icon } from './Icon';
import { initialsOf } from '../lib/initials';

/** Avatar, name and plan of the signed-in user, with sign-out. */
export function UserMenu() {
  const navigate = useNavigate();
  return (
    <Show when={me()}>
      {(session) => (
        <div class="user-menu">
          <Show when={session().user.photoUrl} fallback={<span class="avatar">{initialsOf(displayName(session().user))}</span>}>
            {(src) => <img class="avatar" src={src()} alt="" referrerpolicy="no-referrer" />}
          </Show>
          <div class="user-meta">
            <span class="user-name">{displayName(session().user)}</span>
            <span class="user-plan">{t('header.plan', { plan: t(`usage.plan.${session().plan}`) })}</span>
          </div>
          <button
            type="button"
            class="icon-btn"
            title={t('header.signOut')}
            aria-label={t('header.signOut')}
            onClick={async () => {
              await signOut();
              navigate('/login', { replace: true });
            }}
          >
            <Icon name="logout" />
          </button>
        </div>
      )}
    </Show>
  );
}
