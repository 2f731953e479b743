import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isStaff } from '../../modules/accounts/index.ts';
import { loadLabels } from '../../modules/taxonomy/index.ts';
import {
  findTicketForActor,
  listQueueForStaff,
  updateTicketAsStaff,
  type QueueQuery,
  type TicketChanges,
  listMyTickets,
  openTicket,
  replyToTicket,
  viewTicket,
  type Ticket,
} from '../../modules/tickets/index.ts';
import { AppError } from '../../platform/errors.ts';
import { ctxOf } from '../../platform/http/request-context.ts';
import type { WebDeps } from '../../web/route-kit.ts';
import { errorResponses } from './schemas.ts';
import { multipartBody } from './multipart-body.ts';
import { presentTicket, presentTimeline } from './tickets.present.ts';
import {
  CreateMessageBody,
  CreateTicketBody,
  ListQuery,
  HistorySchema,
  MessageCreatedSchema,
  PatchTicketBody,
  RefParams,
  TicketDetailSchema,
  TicketListSchema,
  TicketSchema,
} from './tickets.schemas.ts';

const tags = ['tickets'];

/** The attribute changes in a request body; absent fields are left alone. */
function changesOf(b: {
  statusId?: number;
  categoryId?: number;
  priority?: number;
  assigneeId?: number | null;
  locked?: boolean;
}): TicketChanges {
  const changes: TicketChanges = {};
  if (b.statusId !== undefined) changes.statusId = b.statusId;
  if (b.categoryId !== undefined) changes.categoryId = b.categoryId;
  if (b.priority !== undefined) changes.priority = b.priority;
  if (b.assigneeId !== undefined) changes.assigneeId = b.assigneeId;
  if (b.locked !== undefined) changes.locked = b.locked;
  return changes;
}

/** Staff-only ticket routes answer customers with the same 404 as a ticket they cannot see. */
function requireStaffOr404(req: FastifyRequest): void {
  if (!isStaff(req.actor)) throw new AppError('NOT_FOUND');
}
const security = [{ bearer: [] }];

/** Tickets over JSON: open, list, read and answer. Visibility and rules are the services'. */
export async function ticketApiRoutes(app: FastifyInstance, { deps }: { deps: WebDeps }) {
  app.decorateRequest('uploadIds', null as never);
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const ctx = (req: FastifyRequest) => ctxOf(req, deps);

  async function present(req: FastifyRequest, ticket: Ticket) {
    const labels = await loadLabels(ctx(req), req.locale);
    const actor = req.actor;
    const mine = actor.kind === 'user' && actor.id === ticket.issuer_user_id;
    const showEmail = mine || isStaff(actor);
    return presentTicket(ticket, labels, deps.config.publicUrl, showEmail);
  }

  api.post(
    '/tickets',
    {
      preValidation: multipartBody(deps),
      schema: {
        summary: 'Open a ticket (JSON, or multipart/form-data with the same fields plus `files`)',
        tags,
        security,
        body: CreateTicketBody,
        response: { 201: TicketSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const guest =
        b.name !== undefined || b.email !== undefined
          ? { name: b.name ?? '', email: b.email ?? '' }
          : undefined;
      const ticket = await openTicket(ctx(req), {
        subject: b.subject,
        body: b.body,
        categoryId: b.categoryId,
        guest,
        source: 'api',
        attachments: { uploadIds: req.uploadIds },
      });
      deps.pokeWorker();
      return reply.code(201).send(await present(req, ticket));
    },
  );

  api.get(
    '/tickets',
    {
      schema: {
        summary: 'My tickets, newest activity first',
        tags,
        security,
        querystring: ListQuery,
        response: { 200: TicketListSchema, ...errorResponses },
      },
    },
    async (req) => {
      const labels = await loadLabels(ctx(req), req.locale);
      if (isStaff(req.actor)) {
        const queue = await listQueueForStaff(ctx(req), req.query as QueueQuery);
        return {
          items: queue.rows.map((r) => presentTicket(r, labels, deps.config.publicUrl, true)),
          next: queue.next ?? null,
        };
      }
      const tab = req.query.tab === 'closed' ? ('closed' as const) : ('open' as const);
      const page = await listMyTickets(ctx(req), { tab, cursor: req.query.cursor, limit: req.query.limit });
      return {
        items: page.rows.map((r) => presentTicket(r, labels, deps.config.publicUrl, true)),
        next: page.next ?? null,
      };
    },
  );

  api.get(
    '/tickets/:ref',
    {
      schema: {
        summary: 'A ticket with its timeline',
        tags,
        security,
        params: RefParams,
        response: { 200: TicketDetailSchema, ...errorResponses },
      },
    },
    async (req) => {
      const view = await viewTicket(ctx(req), req.params.ref);
      return {
        ticket: await present(req, view.ticket),
        timeline: presentTimeline(view.timeline, deps.config.publicUrl),
      };
    },
  );

  api.post(
    '/tickets/:ref/messages',
    {
      preValidation: multipartBody(deps),
      schema: {
        summary: 'Reply to a ticket (staff may add an internal note)',
        tags,
        security,
        params: RefParams,
        body: CreateMessageBody,
        response: { 201: MessageCreatedSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const c = ctx(req);
      const b = req.body;
      const changes = changesOf(b);
      if ((b.internal || Object.keys(changes).length) && !isStaff(req.actor)) throw new AppError('FORBIDDEN');
      const result = isStaff(req.actor)
        ? await updateTicketAsStaff(c, req.params.ref, {
            message: { body: b.body, internal: !!b.internal },
            changes,
            attachments: { uploadIds: req.uploadIds },
            expectedVersion: b.expectedVersion,
            source: 'api',
          })
        : await replyToTicket(c, req.params.ref, {
            body: b.body,
            expectedVersion: b.expectedVersion,
            source: 'api',
            attachments: { uploadIds: req.uploadIds },
          });
      deps.pokeWorker();
      const ticket = await findTicketForActor(c, req.params.ref);
      return reply.code(201).send({ version: result.version, ticket: await present(req, ticket) });
    },
  );

  api.patch(
    '/tickets/:ref',
    {
      schema: {
        summary: 'Change status, category, priority, assignee or lock (staff)',
        tags,
        security,
        params: RefParams,
        body: PatchTicketBody,
        response: { 200: TicketSchema, ...errorResponses },
      },
    },
    async (req) => {
      requireStaffOr404(req);
      const c = ctx(req);
      await updateTicketAsStaff(c, req.params.ref, {
        changes: changesOf(req.body),
        expectedVersion: req.body.expectedVersion,
        source: 'api',
      });
      deps.pokeWorker();
      return present(req, await findTicketForActor(c, req.params.ref));
    },
  );

  api.get(
    '/tickets/:ref/history',
    {
      schema: {
        summary: 'The ticket history: messages and changes in order',
        tags,
        security,
        params: RefParams,
        response: { 200: HistorySchema, ...errorResponses },
      },
    },
    async (req) => {
      const view = await viewTicket(ctx(req), req.params.ref);
      return {
        ticket: { key: view.ticket.key, number: view.ticket.number, version: view.ticket.version },
        history: presentTimeline(view.timeline, deps.config.publicUrl),
      };
    },
  );
}
