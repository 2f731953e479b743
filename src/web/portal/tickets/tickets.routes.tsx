import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { activeCategories, loadLabels } from '../../../modules/taxonomy/index.ts';
import {
  BODY_MAX,
  SUBJECT_MAX,
  listMyTickets,
  openTicket,
  replyToTicket,
  resolveMyTicket,
  sendTicketLinks,
  slugify,
  ticketPath,
  viewTicket,
} from '../../../modules/tickets/index.ts';
import { AppError } from '../../../platform/errors.ts';
import { formBody, redirectWithFlash } from '../../../platform/http/request-context.ts';
import { renderMarkdown } from '../../../platform/render/markdown.ts';
import { sendHtml } from '../../../platform/render/render.ts';
import { emptyForm, type FormState } from '../../ui/Form.tsx';
import { attempt, formWithError, routeKit, type WebDeps } from '../../route-kit.ts';
import { readUploadForm } from '../../attachments/upload-form.ts';
import { attachmentsOf, uploadFormState } from '../../attachments/form-state.ts';
import { uploadLimitsView } from '../../attachments/picker-model.ts';
import { FindTicketsPage, MyTicketsPage } from './my-tickets.page.tsx';
import { GuestTicketCreatedPage, NewTicketPage } from './new-ticket.page.tsx';
import { TicketPage } from './ticket.page.tsx';
import { labelModel, ticketSummary } from './ticket.view-model.ts';
import { throttleKeyMisses } from './key-throttle.ts';

/** The customer side of tickets: open one, follow it by its link, reply, resolve, list my tickets. */
export async function ticketRoutes(app: FastifyInstance, { deps }: { deps: WebDeps }) {
  const { ctx, view } = routeKit(deps);
  throttleKeyMisses(app, deps.throttles.guestKeyPerIp, deps.now);

  async function captchaRequired(req: FastifyRequest): Promise<boolean> {
    if (!deps.captcha.enabled) return false;
    const site = await deps.settings.get();
    return req.user ? site.captchaMembers : site.captchaGuests;
  }

  async function renderNew(req: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) {
    const labels = await loadLabels(ctx(req), req.locale);
    const categories = activeCategories(labels).map((c) => ({
      id: c.id,
      name: c.name,
      disclaimerHtml: c.disclaimer ? renderMarkdown(c.disclaimer) : null,
    }));
    const model = {
      guest: !req.user,
      captcha: await captchaRequired(req),
      categories,
      bodyMax: BODY_MAX,
      subjectMax: SUBJECT_MAX,
      form,
      limits: await uploadLimitsView(deps),
    };
    return sendHtml(reply, <NewTicketPage v={await view(req, reply)} m={model} />, status);
  }

  async function renderTicket(
    req: FastifyRequest,
    reply: FastifyReply,
    key: string,
    form: FormState,
    status = 200,
  ) {
    const c = ctx(req);
    const tv = await viewTicket(c, key);
    const canonical = ticketPath(tv.ticket);
    const v = await view(req, reply);
    const model = {
      key: tv.ticket.key,
      path: canonical,
      number: tv.ticket.number,
      subject: tv.ticket.subject,
      ...ticketSummary(v.t, tv),
      can: { reply: tv.can.reply, resolve: tv.can.resolve },
      closing: tv.closing,
      version: tv.ticket.version,
      form,
      limits: await uploadLimitsView(deps),
    };
    reply.header('cache-control', 'private, no-store');
    reply.header('referrer-policy', 'no-referrer');
    return sendHtml(reply, <TicketPage v={v} m={model} />, status);
  }

  app.get('/tickets/new', async (req, reply) => renderNew(req, reply, emptyForm));

  app.post('/tickets', async (req, reply) => {
    const form = await readUploadForm(req, reply, deps);
    const body = form.fields;
    if (form.error) return renderNew(req, reply, await uploadFormState(ctx(req), form), form.error.status);
    if ((await captchaRequired(req)) && !(await deps.captcha.verify(body.altcha))) {
      const err = new AppError('VALIDATION', { altcha: body.altcha ? 'captcha.failed' : 'captcha.required' });
      return renderNew(req, reply, await uploadFormState(ctx(req), form, err), 400);
    }
    const result = await attempt(() =>
      openTicket(ctx(req), {
        subject: body.subject ?? '',
        body: body.body ?? '',
        categoryId: Number(body.categoryId),
        guest: req.user ? undefined : { name: body.name ?? '', email: body.email ?? '' },
        source: 'web',
        attachments: attachmentsOf(form),
      }),
    );
    if (!result.ok)
      return renderNew(req, reply, await uploadFormState(ctx(req), form, result.error), result.error.status);
    deps.pokeWorker();
    const path = ticketPath(result.value);
    if (!req.user) {
      reply.header('cache-control', 'no-store');
      const v = await view(req, reply);
      v.flash = { kind: 'success', key: 'flash.ticketCreated', clearDraft: 'new-ticket' };
      return sendHtml(
        reply,
        <GuestTicketCreatedPage
          v={v}
          link={`${deps.config.publicUrl}${path}`}
          number={result.value.number}
        />,
        201,
      );
    }
    return redirectWithFlash(reply, path, {
      kind: 'success',
      key: 'flash.ticketCreated',
      clearDraft: 'new-ticket',
    });
  });

  app.get('/tickets', async (req, reply) => {
    if (!req.user)
      return sendHtml(reply, <FindTicketsPage v={await view(req, reply)} form={emptyForm} sent={false} />);
    const q = req.query as { tab?: string; before?: string };
    const tab = q.tab === 'closed' ? 'closed' : 'open';
    const c = ctx(req);
    const [page, labels] = await Promise.all([
      listMyTickets(c, { tab, cursor: q.before }),
      loadLabels(c, req.locale),
    ]);
    const v = await view(req, reply);
    const rows = page.rows.map((r) => ({
      path: ticketPath(r),
      number: r.number,
      subject: r.subject,
      labels: labelModel(labels, r),
      lastActivity: v.t.relative(r.last_activity_at, deps.now()),
      lastActivityIso: new Date(r.last_activity_at).toISOString(),
      unread: r.unread,
    }));
    return sendHtml(reply, <MyTicketsPage v={v} m={{ tab, rows, next: page.next }} />);
  });

  app.post('/tickets/find', async (req, reply) => {
    const body = formBody(req);
    const result = await attempt(() => sendTicketLinks(ctx(req), body.email ?? ''));
    const v = await view(req, reply);
    if (!result.ok)
      return sendHtml(
        reply,
        <FindTicketsPage v={v} form={formWithError(body, result.error)} sent={false} />,
        result.error.status,
      );
    deps.pokeWorker();
    return sendHtml(reply, <FindTicketsPage v={v} form={emptyForm} sent />);
  });

  app.get('/tickets/:key', async (req, reply) => {
    const { key } = req.params as { key: string };
    const tv = await viewTicket(ctx(req), key);
    return reply.redirect(ticketPath(tv.ticket), 301);
  });

  app.get('/tickets/:key/:slug', async (req, reply) => {
    const { key, slug } = req.params as { key: string; slug: string };
    if (key === 'new') throw new AppError('NOT_FOUND');
    const tv = await viewTicket(ctx(req), key);
    if (slug !== slugify(tv.ticket.subject)) return reply.redirect(ticketPath(tv.ticket), 301);
    return renderTicket(req, reply, key, emptyForm);
  });

  app.post('/tickets/:key/replies', async (req, reply) => {
    const { key } = req.params as { key: string };
    const form = await readUploadForm(req, reply, deps);
    const body = form.fields;
    if (form.error)
      return renderTicket(req, reply, key, await uploadFormState(ctx(req), form), form.error.status);
    const expected = /^\d+$/.test(body.expectedVersion ?? '') ? Number(body.expectedVersion) : undefined;
    const attachments = attachmentsOf(form);
    const result = await attempt(() =>
      replyToTicket(ctx(req), key, { body: body.body ?? '', expectedVersion: expected, attachments }),
    );
    if (!result.ok) {
      // A stale form is not an error for a customer: their words still go in.
      if (result.error.code === 'STALE_TICKET') {
        const retry = await attempt(() =>
          replyToTicket(ctx(req), key, { body: body.body ?? '', attachments }),
        );
        if (retry.ok) return redirectAfterReply(reply, retry.value.ticket, retry.value.reopened, key);
        return renderTicket(
          req,
          reply,
          key,
          await uploadFormState(ctx(req), form, retry.error),
          retry.error.status,
        );
      }
      return renderTicket(
        req,
        reply,
        key,
        await uploadFormState(ctx(req), form, result.error),
        result.error.status,
      );
    }
    deps.pokeWorker();
    return redirectAfterReply(reply, result.value.ticket, result.value.reopened, key);
  });

  function redirectAfterReply(
    reply: FastifyReply,
    ticket: { key: string; subject: string },
    reopened: boolean,
    key: string,
  ) {
    return redirectWithFlash(reply, ticketPath(ticket), {
      kind: 'success',
      key: reopened ? 'flash.replyReopened' : 'flash.replied',
      clearDraft: `reply-${key}`,
    });
  }

  app.post('/tickets/:key/resolve', async (req, reply) => {
    const { key } = req.params as { key: string };
    const result = await attempt(() => resolveMyTicket(ctx(req), key));
    const tv = await viewTicket(ctx(req), key);
    if (!result.ok)
      return redirectWithFlash(reply, ticketPath(tv.ticket), {
        kind: 'error',
        key: `error.${result.error.code}`,
      });
    return redirectWithFlash(reply, ticketPath(tv.ticket), { kind: 'success', key: 'flash.resolved' });
  });

  app.post('/markdown/preview', async (req, reply) => {
    const body = formBody(req);
    const source = (body.body ?? '').slice(0, BODY_MAX);
    const html = source.trim() ? renderMarkdown(source) : `<p class="muted">${req.t.t('editor.nothing')}</p>`;
    return reply.type('text/html; charset=utf-8').send(html);
  });
}
