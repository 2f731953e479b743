import type { FastifyInstance, FastifyRequest } from 'fastify';
import { viewTicket } from '../../../modules/tickets/index.ts';
import type { Ctx } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { sendHtml } from '../../../platform/render/render.ts';
import { DeskLayout } from '../../ui/layouts.tsx';
import type { View } from '../../ui/view.ts';
import { routeKit, type WebDeps } from '../../route-kit.ts';
import { readCarry } from './carry.ts';
import { CommercePanels } from './panels.tsx';
import { loadCommercePanels } from './panels.view-model.ts';

interface NoteLine {
  id: number;
  text: string;
  at: string;
}

/** The staff-only history lines other modules wrote on a ticket, newest first. */
async function ticketNotes(ctx: Ctx, v: View, ticketNumber: number | undefined): Promise<NoteLine[]> {
  if (!ticketNumber) return [];
  const tv = await viewTicket(ctx, String(ticketNumber));
  return tv.timeline
    .flatMap((e) =>
      e.type === 'change' && e.kind === 'note' && e.to
        ? [{ e, note: JSON.parse(e.to) as { key: string; values: Record<string, string> } }]
        : [],
    )
    .map(({ e, note }) => ({ id: e.id, text: v.t.t(note.key, note.values), at: v.t.dateTime(e.at) }))
    .reverse();
}

function NotesSection({ v, ticket, lines }: { v: View; ticket: number; lines: NoteLine[] }) {
  return (
    <section
      id="preview-history"
      class="card"
      hx-get={`/desk/commerce/preview/history?ticket=${ticket}`}
      hx-trigger="commerce:changed from:body"
      hx-swap="outerHTML"
    >
      <h2 safe>{v.t.t('commerce.preview.history', { number: ticket })}</h2>
      <ul class="plain-list preview-history">
        {lines.map((l) => (
          <li data-event={String(l.id)}>
            <span safe>{l.text}</span>{' '}
            <span class="muted" safe>
              {l.at}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function query(req: FastifyRequest): Record<string, string | undefined> {
  return req.query as Record<string, string | undefined>;
}

/**
 * The panels on their own desk page, and the fragment htmx swaps in when a tab changes. The
 * preview page (with the ticket's commerce history lines) lets us try the panels before the desk
 * ticket view embeds them.
 */
export async function deskCommercePreviewRoutes(app: FastifyInstance, { deps }: { deps: WebDeps }) {
  const { ctx, view } = routeKit(deps);
  const panels = async (req: FastifyRequest) => {
    const carry = readCarry(query(req));
    if (!carry.customer) throw new AppError('NOT_FOUND');
    const m = await loadCommercePanels(ctx(req), {
      customer: carry.customer,
      customerName: carry.customerName,
      ticketNumber: carry.ticketNumber,
      back: carry.back,
      mode: carry.mode,
      purchaseTab: query(req).ptab,
    });
    if (!m) throw new AppError('FORBIDDEN');
    return { carry, m };
  };

  app.get('/desk/commerce/panels', async (req, reply) => {
    const { m } = await panels(req);
    return sendHtml(reply, <CommercePanels v={await view(req, reply)} m={m} />);
  });

  app.get('/desk/commerce/preview', async (req, reply) => {
    const { carry, m } = await panels(req);
    const v = await view(req, reply);
    const lines = await ticketNotes(ctx(req), v, carry.ticketNumber);
    const title = v.t.t('commerce.preview.title', { name: m.customerName });
    return sendHtml(
      reply,
      <DeskLayout v={v} title={title}>
        <h1 safe>{title}</h1>
        <div class="grid-2">
          <CommercePanels v={v} m={m} />
          {carry.ticketNumber ? <NotesSection v={v} ticket={carry.ticketNumber} lines={lines} /> : ''}
        </div>
      </DeskLayout>,
    );
  });

  app.get('/desk/commerce/preview/history', async (req, reply) => {
    const ticket = readCarry(query(req)).ticketNumber;
    if (!ticket) throw new AppError('NOT_FOUND');
    const v = await view(req, reply);
    return sendHtml(
      reply,
      <NotesSection v={v} ticket={ticket} lines={await ticketNotes(ctx(req), v, ticket)} />,
    );
  });
}
