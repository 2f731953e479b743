import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { loadLabels } from '../../../modules/taxonomy/index.ts';
import { getCustomerPage, searchCustomers, type CustomerRef } from '../../../modules/tickets/index.ts';
import { sendHtml } from '../../../platform/render/render.ts';
import { TicketLabels } from '../../ui/TicketLabels.tsx';
import { DeskLayout } from '../../ui/layouts.tsx';
import { labelModel } from '../../portal/tickets/ticket.view-model.ts';
import { numericParam, routeKit, type WebDeps } from '../../route-kit.ts';
import { CustomerCommerce, loadCustomerCommerce } from '../commerce/customer-commerce.tsx';

/** Customers: search accounts and guest addresses; one page per customer with all their tickets. */
export async function deskCustomerRoutes(app: FastifyInstance, { deps }: { deps: WebDeps }) {
  const { ctx, view } = routeKit(deps);

  app.get('/desk/customers', async (req, reply) => {
    const q = String((req.query as { q?: string }).q ?? '');
    const found = await searchCustomers(ctx(req), q);
    const v = await view(req, reply);
    const t = v.t.t;
    return sendHtml(
      reply,
      <DeskLayout v={v} title={t('desk.customers.title')}>
        <h1 safe>{t('desk.customers.title')}</h1>
        <form method="get" action="/desk/customers" class="row-form" role="search">
          <div class="field">
            <label for="c-q" safe>
              {t('desk.customers.search')}
            </label>
            <input id="c-q" name="q" type="search" value={q} />
          </div>
          <button type="submit" class="button button-primary" safe>
            {t('queue.apply')}
          </button>
        </form>
        {q ? (
          <ul class="plain-list customer-results">
            {found.accounts.map((a) => (
              <li>
                <a href={`/desk/customers/user/${a.id}`} safe>
                  {a.display_name}
                </a>{' '}
                <span class="muted" safe>{`${a.email} · ${t(`role.${a.role}`)}`}</span>
              </li>
            ))}
            {found.guests.map((g) => (
              <li>
                <a href={`/desk/customers/email/${encodeURIComponent(g.email)}`} safe>
                  {g.name}
                </a>{' '}
                <span
                  class="muted"
                  safe
                >{`${g.email} · ${t('desk.customers.guest', { count: g.tickets })}`}</span>
              </li>
            ))}
            {found.accounts.length + found.guests.length === 0 ? (
              <li class="empty" safe>
                {t('desk.customers.none')}
              </li>
            ) : (
              ''
            )}
          </ul>
        ) : (
          <p class="muted" safe>
            {t('desk.customers.intro')}
          </p>
        )}
      </DeskLayout>,
    );
  });

  async function customerPage(req: FastifyRequest, reply: FastifyReply, ref: CustomerRef, base: string) {
    const cursor = (req.query as { cursor?: string }).cursor;
    const c = ctx(req);
    const [page, labels] = await Promise.all([getCustomerPage(c, ref, cursor), loadLabels(c, req.locale)]);
    const commerce = await loadCustomerCommerce(c, {
      customer: page.userId ? `user:${page.userId}` : `email:${page.email}`,
      customerName: page.name,
      back: base,
      query: req.query as Record<string, unknown>,
    });
    const v = await view(req, reply);
    const t = v.t.t;
    return sendHtml(
      reply,
      <DeskLayout v={v} title={page.name}>
        <h1 safe>{page.name}</h1>
        <dl class="facts">
          <dt safe>{t('field.email')}</dt>
          <dd>
            <a href={`mailto:${page.email}`} safe>
              {page.email}
            </a>
          </dd>
          <dt safe>{t('desk.customers.kind')}</dt>
          <dd safe>
            {page.userId
              ? t('desk.customers.account', { since: page.since ? v.t.date(page.since) : '' })
              : t('desk.customers.guestOnly')}
          </dd>
        </dl>
        <h2 safe>{t('desk.customers.tickets')}</h2>
        <ul class="ticket-list">
          {page.tickets.rows.map((r) => (
            <li class="ticket-row">
              <a href={`/desk/tickets/${r.number}`}>
                <span class="ticket-subject" safe>
                  {r.subject}
                </span>{' '}
                <span class="muted" safe>{`#${r.number}`}</span>
              </a>
              <TicketLabels v={v} m={labelModel(labels, r)} />
              <span class="muted" safe>
                {v.t.relative(r.last_activity_at, deps.now())}
              </span>
            </li>
          ))}
        </ul>
        {page.tickets.rows.length === 0 ? (
          <p class="empty" safe>
            {t('desk.customers.noTickets')}
          </p>
        ) : (
          ''
        )}
        <CustomerCommerce v={v} m={commerce} />
        {page.tickets.next ? (
          <nav class="pager" aria-label={t('pager.label')}>
            <a href={`${base}?cursor=${page.tickets.next}`} rel="next" safe>
              {t('pager.next')}
            </a>
          </nav>
        ) : (
          ''
        )}
      </DeskLayout>,
    );
  }

  app.get('/desk/customers/user/:id', async (req, reply) => {
    const id = numericParam((req.params as { id: string }).id);
    return customerPage(req, reply, { userId: id }, `/desk/customers/user/${id}`);
  });

  app.get('/desk/customers/email/:email', async (req, reply) => {
    const email = (req.params as { email: string }).email;
    return customerPage(req, reply, { email }, `/desk/customers/email/${encodeURIComponent(email)}`);
  });
}
