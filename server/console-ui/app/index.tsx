// The console's shell: checks the session, shows sign-in or the signed-in layout (header, page
// navigation, the page the hash names), returns to sign-in when any answer says the session ended,
// and moves focus to the new page's heading after navigation.
import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ConsoleSession } from '../../../shared/schema/review';
import type { OperatorRole } from '../../../shared/schema/staff';
import { consoleApi, createClient } from '../api';
import { ActivityPage } from '../activity';
import { StaffEventsPage } from '../activity/staff-events';
import { ConsentPage } from '../consent';
import { IncidentPage } from '../incidents/detail';
import { IncidentsPage } from '../incidents';
import { IntegrityPage } from '../integrity';
import { RetentionPage } from '../retention';
import { ReviewPage } from '../reviews/detail';
import { ReviewsPage } from '../reviews';
import { SignIn } from '../sign-in';
import { SpotCheckPage } from '../spot-checks/detail';
import { SpotChecksPage } from '../spot-checks';
import { PageTitle } from '../components/page-title';
import { Loading } from '../components/notice';
import { Console, roleAtLeast } from './context';
import { ROLE_LABELS } from './labels';
import { href, parseHash, type Route } from './router';

/** The pages in the navigation, in the order reviewers work through them. */
const PAGES = [
  { key: 'activity', label: '活动 Activity' },
  { key: 'reviews', label: '复核 Reviews' },
  { key: 'spot-checks', label: '抽查 Spot checks' },
  { key: 'integrity', label: '完整性 Integrity' },
  { key: 'consent', label: '同意 Consent' },
  { key: 'retention', label: '留存 Retention' },
  { key: 'incidents', label: '事件 Incidents' },
] as const;

function page(route: Route): ComponentChildren {
  const [section = 'activity', id, sub] = route.path;
  switch (section) {
    case 'activity':
      return id === 'staff' && sub ? (
        <StaffEventsPage staffId={sub} params={route.params} />
      ) : (
        <ActivityPage params={route.params} />
      );
    case 'reviews':
      return id ? <ReviewPage caseId={id} /> : <ReviewsPage params={route.params} />;
    case 'spot-checks':
      return id ? <SpotCheckPage checkId={id} /> : <SpotChecksPage />;
    case 'integrity':
      return <IntegrityPage />;
    case 'consent':
      return <ConsentPage params={route.params} />;
    case 'retention':
      return <RetentionPage />;
    case 'incidents':
      return id ? <IncidentPage incidentId={id} /> : <IncidentsPage />;
    default:
      return (
        <>
          <PageTitle title="找不到页面 Page not found" />
          <p>
            这个地址没有页面 There is no page at this address.{' '}
            <a href={href(['activity'])}>返回活动 Go to Activity</a>
          </p>
        </>
      );
  }
}

export function App({ fetch: send }: { fetch: typeof fetch }) {
  const [session, setSession] = useState<ConsoleSession | null | undefined>(undefined);
  const [notice, setNotice] = useState('');
  const [route, setRoute] = useState(() => parseHash(location.hash));
  const navigated = useRef(false);
  // Whether someone was signed in: a 401 then means the session ended, worth saying; a 401 on
  // the first check only means nobody has signed in yet.
  const signedIn = useRef(false);
  useEffect(() => {
    signedIn.current = !!session;
  }, [session]);

  const api = useMemo(
    () =>
      consoleApi(
        createClient({
          fetch: send,
          onSignedOut: () => {
            if (signedIn.current) {
              setNotice('会话已结束，请重新登录 Your session has ended; sign in again.');
            }
            setSession(null);
          },
        }),
      ),
    [send],
  );

  useEffect(() => {
    api.session().then(setSession, () => setSession(null));
  }, [api]);

  useEffect(() => {
    const onHash = () => {
      navigated.current = true;
      setRoute(parseHash(location.hash));
    };
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);

  // After navigation to another page, focus its heading: otherwise focus stays on the link, and
  // a screen reader user hears nothing of the page that replaced the old one. A new range or
  // filter on the same page keeps focus where it is (on the form the person is using).
  const pagePath = route.path.join('/');
  useEffect(() => {
    if (!navigated.current) return;
    document.querySelector<HTMLElement>('main h1')?.focus();
  }, [pagePath]);

  const ctx = useMemo(
    () =>
      session
        ? { api, session, can: (least: OperatorRole) => roleAtLeast(session.role, least) }
        : null,
    [api, session],
  );

  if (session === undefined) {
    return (
      <main id="main" class="sign-in">
        <Loading />
      </main>
    );
  }
  if (!ctx) {
    return (
      <SignIn
        api={api}
        notice={notice}
        onSignedIn={(s) => {
          setNotice('');
          setSession(s);
        }}
      />
    );
  }

  const current = route.path[0] ?? 'activity';
  const signOut = async () => {
    try {
      await api.signOut();
    } catch {
      // Signed out here whatever the server said: the cookie expires on its own.
    }
    setNotice('');
    setSession(null);
  };

  return (
    <Console.Provider value={ctx}>
      <a
        class="skip-link"
        href="#main"
        onClick={(e) => {
          // The hash names the page: jump to the content without changing it.
          e.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        跳到正文 Skip to content
      </a>
      <header class="top">
        <p class="brand">
          Custodian <span class="quiet">审核台 Review console</span>
        </p>
        <div class="who">
          <span data-testid="operator">
            {ctx.session.name} · {ROLE_LABELS[ctx.session.role]}
          </span>
          <button type="button" class="secondary small" onClick={() => void signOut()}>
            退出 Sign out
          </button>
        </div>
      </header>
      <nav class="pages" aria-label="页面 Pages">
        <ul>
          {PAGES.map((p) => (
            <li key={p.key}>
              <a href={href([p.key])} aria-current={current === p.key ? 'page' : undefined}>
                {p.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" tabIndex={-1}>
        {page(route)}
      </main>
    </Console.Provider>
  );
}
