import type { Children } from '@kitajs/html';
import { Document } from './Document.tsx';
import { ActionForm, FlashMessage } from './Form.tsx';
import type { View } from './view.ts';

/** The customer-facing layout: a top bar, the page, the footer. */
export function PortalLayout(props: { v: View; title: string; children: Children }) {
  const { v } = props;
  return (
    <Document v={v} title={props.title} surface="portal">
      <header class="topbar">
        <a class="brand" href="/" safe>
          {v.siteName}
        </a>
        <nav class="topnav" aria-label={v.t.t('nav.main')}>
          <a href="/tickets/new" safe>
            {v.t.t('nav.newTicket')}
          </a>
          <a href="/tickets" safe>
            {v.t.t('nav.tickets')}
          </a>
          {v.user ? (
            <>
              {v.user.isStaff ? (
                <a href="/desk" safe>
                  {v.t.t('nav.desk')}
                </a>
              ) : (
                ''
              )}
              <a href="/profile" safe>
                {v.user.name}
              </a>
              <ActionForm v={v} action="/logout" label={v.t.t('nav.logout')} />
            </>
          ) : (
            <>
              <a href="/login" safe>
                {v.t.t('nav.login')}
              </a>
              <a href="/register" safe>
                {v.t.t('nav.register')}
              </a>
            </>
          )}
        </nav>
      </header>
      <main id="main" class="page">
        <FlashMessage v={v} />
        {props.children}
      </main>
    </Document>
  );
}

interface NavItem {
  href: string;
  label: string;
  show: boolean;
}

/** The staff layout: a sidebar with the sections this user may open, and the page. */
export function DeskLayout(props: { v: View; title: string; children: Children }) {
  const { v } = props;
  const can = v.user?.can ?? (() => false);
  const items: NavItem[] = [
    { href: '/desk', label: v.t.t('desk.nav.home'), show: true },
    { href: '/desk/tickets', label: v.t.t('desk.nav.tickets'), show: can('tickets') },
    { href: '/desk/customers', label: v.t.t('desk.nav.customers'), show: can('tickets') },
    { href: '/desk/inbound', label: v.t.t('desk.nav.inbound'), show: can('tickets') },
    { href: '/desk/categories', label: v.t.t('desk.nav.categories'), show: can('categories') },
    { href: '/desk/statuses', label: v.t.t('desk.nav.statuses'), show: can('statuses') },
    { href: '/desk/products', label: v.t.t('desk.nav.products'), show: can('commerce') },
    { href: '/desk/users', label: v.t.t('desk.nav.users'), show: can('users') },
    { href: '/desk/settings', label: v.t.t('desk.nav.settings'), show: can('settings') },
    { href: '/desk/outbox', label: v.t.t('desk.nav.outbox'), show: can('settings') },
    { href: '/desk/audit', label: v.t.t('desk.nav.audit'), show: !!v.user?.isAdmin },
  ];
  return (
    <Document v={v} title={props.title} surface="desk">
      <div class="desk">
        <aside class="desk-sidebar" aria-label={v.t.t('a11y.deskSidebar')}>
          <a class="brand" href="/desk" safe>
            {v.siteName}
          </a>
          <nav aria-label={v.t.t('desk.nav.label')}>
            <ul class="desk-nav">
              {items
                .filter((i) => i.show)
                .map((i) => (
                  <li>
                    <a
                      href={i.href}
                      aria-current={
                        v.path === i.href || (i.href !== '/desk' && v.path.startsWith(i.href))
                          ? 'page'
                          : undefined
                      }
                      safe
                    >
                      {i.label}
                    </a>
                  </li>
                ))}
            </ul>
          </nav>
          <div class="desk-user">
            <a href="/profile" safe>
              {v.user?.name ?? ''}
            </a>
            <a href="/desk/preferences" safe>
              {v.t.t('desk.nav.preferences')}
            </a>
            <a href="/" safe>
              {v.t.t('desk.nav.portal')}
            </a>
            <ActionForm v={v} action="/logout" label={v.t.t('nav.logout')} />
          </div>
        </aside>
        <main id="main" class="desk-main">
          <FlashMessage v={v} />
          {props.children}
        </main>
      </div>
    </Document>
  );
}
