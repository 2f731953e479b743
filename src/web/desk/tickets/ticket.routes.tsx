import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PRIORITIES } from '../../../modules/taxonomy/index.ts';
import {
  fillReplyTemplate,
  renewTicketLink,
  ticketPath,
  updateTicketAsStaff,
  viewTicketForDesk,
  type TicketChanges,
} from '../../../modules/tickets/index.ts';
import type { AppError } from '../../../platform/errors.ts';
import { formBody, redirectWithFlash, safeLocalPath } from '../../../platform/http/request-context.ts';
import { sendHtml } from '../../../platform/render/render.ts';
import { emptyForm, type FormState } from '../../ui/Form.tsx';
import { labelModel } from '../../portal/tickets/ticket.view-model.ts';
import { attempt, numericParam, routeKit, type WebDeps } from '../../route-kit.ts';
import { customerHref } from './customer-href.ts';
import { DeskTicketPage, type DeskTicketModel } from './ticket.page.tsx';
import { uploadLimitsView } from '../../attachments/picker-model.ts';
import { attachmentsOf, uploadFormState } from '../../attachments/form-state.ts';
import { readUploadForm, type UploadForm } from '../../attachments/upload-form.ts';
import { customerRefOf } from '../../../modules/commerce/index.ts';
import { renderCommercePanels } from '../commerce/panels.tsx';
import { withMailBadges } from './mail-badges.ts';

export const TIMELINE_COOKIE = 'parley_timeline';
const FIELDS = ['statusId', 'categoryId', 'priority', 'assigneeId', 'locked'] as const;
type Field = (typeof FIELDS)[number];

function parseField(field: Field, raw: string | undefined): TicketChanges[Field] | undefined {
  if (raw === undefined) return undefined;
  if (field === 'locked') return raw === '1';
  if (field === 'assigneeId') return raw === '' ? null : /^\d+$/.test(raw) ? Number(raw) : -1;
  return /^-?\d+$/.test(raw) ? Number(raw) : Number.NaN;
}

/** The attributes the agent changed on the form (compared with what the form showed), and that baseline. */
function changesFrom(body: Record<string, string>) {
  const changes: TicketChanges = {};
  const baseline: TicketChanges = {};
  for (const f of FIELDS) {
    const now = parseField(f, body[f]);
    const was = parseField(f, body[`orig_${f}`]);
    if (now === undefined || now === was) continue;
    (changes as Record<string, unknown>)[f] = now;
    (baseline as Record<string, unknown>)[f] = was;
  }
  return { changes, baseline };
}

/** The desk's ticket page: full timeline, the customer's other tickets, and the reply form. */
export async function deskTicketRoutes(app: FastifyInstance, { deps }: { deps: WebDeps }) {
  const { ctx, view } = routeKit(deps);

  async function render(
    req: FastifyRequest,
    reply: FastifyReply,
    number: number,
    form: FormState,
    opts: { status?: number; collision?: number } = {},
  ) {
    const d = await viewTicketForDesk(ctx(req), number);
    const v = await view(req, reply);
    const t = v.t.t;
    const tk = d.ticket;
    const cookie = req.cookies[TIMELINE_COOKIE];
    const order = cookie === 'asc' || cookie === 'desc' ? cookie : d.preferences.timelineOrder;
    const template = d.preferences.defaultReply
      ? fillReplyTemplate(d.preferences.defaultReply, {
          customerName: tk.issuer_name,
          ticketNumber: tk.number,
        })
      : '';
    const withTemplate =
      form.values.body === undefined && template
        ? { ...form, values: { ...form.values, body: template } }
        : form;
    const model: DeskTicketModel = {
      number: tk.number,
      subject: tk.subject,
      labels: labelModel(d.labels, tk),
      assignee: d.assigneeName,
      issuer: {
        name: tk.issuer_name,
        email: tk.issuer_email,
        href: customerHref(tk),
        deleted: tk.issuer_deleted_at !== null,
      },
      created: v.t.dateTime(tk.created_at),
      customerUrl: ticketPath(tk),
      timeline: await withMailBadges(ctx(req), v, d.timeline),
      order,
      others: d.others.map((o) => ({
        number: o.number,
        subject: o.subject,
        labels: labelModel(d.labels, o),
        created: v.t.date(o.created_at),
      })),
      othersHref: customerHref(tk),
      panels: [
        await renderCommercePanels(ctx(req), v, {
          customer: customerRefOf(tk),
          customerName: tk.issuer_name,
          ticketNumber: tk.number,
          purchaseTab: (req.query as { ptab?: string }).ptab,
        }),
      ],
      reply: {
        number: tk.number,
        form: withTemplate,
        limits: await uploadLimitsView(deps),
        baseline: {
          statusId: String(tk.status_id),
          categoryId: String(tk.category_id),
          priority: String(tk.priority),
          assigneeId: tk.assignee_id === null ? '' : String(tk.assignee_id),
          locked: tk.locked === 1 ? '1' : '0',
        },
        seenEventId: d.lastEventId,
        statuses: [...d.labels.statuses.values()].map((s) => ({
          value: String(s.id),
          label: s.closing ? `${s.name} ${t('queue.closingMark')}` : s.name,
        })),
        categories: [...d.labels.categories.values()]
          .filter((c) => c.active || c.id === tk.category_id)
          .map((c) => ({ value: String(c.id), label: c.name })),
        priorities: PRIORITIES.map((p) => ({
          value: String(p),
          label: d.labels.priorities.get(p) ?? String(p),
        })),
        staff: d.staff.map((s) => ({ value: String(s.id), label: s.name })),
        defaultAction: d.preferences.defaultAction,
        collision: opts.collision ?? 0,
      },
    };
    return sendHtml(reply, <DeskTicketPage v={v} m={model} />, opts.status ?? 200);
  }

  app.get('/desk/tickets/:number', async (req, reply) =>
    render(req, reply, numericParam((req.params as { number: string }).number), emptyForm),
  );

  app.post('/desk/tickets/:number/update', async (req, reply) => {
    const number = numericParam((req.params as { number: string }).number);
    const upload = await readUploadForm(req, reply, deps);
    const body = upload.fields;
    const action = body.force === '1' ? (body.pendingAction ?? 'respond') : (body.action ?? 'respond');
    if (upload.error) return renderFailure(req, reply, number, upload, action, upload.error);
    const { changes, baseline } = changesFrom(body);
    const message = action === 'update' ? undefined : { body: body.body ?? '', internal: action === 'note' };
    const result = await attempt(() =>
      updateTicketAsStaff(ctx(req), String(number), {
        message,
        note: action === 'respond' ? body.note : undefined,
        changes,
        baseline,
        seenEventId: /^\d+$/.test(body.seenEventId ?? '') ? Number(body.seenEventId) : undefined,
        force: body.force === '1',
        attachments: message ? attachmentsOf(upload) : undefined,
      }),
    );
    if (!result.ok) return renderFailure(req, reply, number, upload, action, result.error);
    deps.pokeWorker();
    const key =
      action === 'note'
        ? 'flash.desk.noted'
        : action === 'update'
          ? 'flash.desk.updated'
          : 'flash.desk.responded';
    return redirectWithFlash(reply, `/desk/tickets/${number}`, {
      kind: 'success',
      key,
      clearDraft: `desk-reply-${number}`,
    });
  });

  app.post('/desk/tickets/:number/renew-link', async (req, reply) => {
    const number = numericParam((req.params as { number: string }).number);
    await renewTicketLink(ctx(req), number);
    deps.pokeWorker();
    return redirectWithFlash(reply, `/desk/tickets/${number}`, {
      kind: 'success',
      key: 'flash.desk.linkRenewed',
    });
  });

  async function renderFailure(
    req: FastifyRequest,
    reply: FastifyReply,
    number: number,
    upload: UploadForm,
    action: string,
    error: AppError,
  ) {
    const form = await uploadFormState(ctx(req), { ...upload, fields: { ...upload.fields, action } }, error);
    // The form is re-rendered against the ticket as it is now, keeping what the agent chose.
    for (const f of FIELDS) delete form.values[`orig_${f}`];
    if (action === 'update') delete form.values.body;
    const collision = error.code === 'COLLISION' ? Number(error.params.count ?? 1) : 0;
    return render(req, reply, number, collision ? { ...form, error: undefined } : form, {
      status: error.status,
      collision,
    });
  }

  app.post('/desk/preferences/timeline-order', async (req, reply) => {
    const body = formBody(req);
    reply.setCookie(TIMELINE_COOKIE, body.order === 'desc' ? 'desc' : 'asc', {
      path: '/',
      sameSite: 'lax',
      httpOnly: true,
      maxAge: 365 * 86400,
    });
    return redirectWithFlash(reply, safeLocalPath(body.back, '/desk/tickets'));
  });
}
