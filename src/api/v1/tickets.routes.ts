import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isStaff } from '../../modules/accounts/index.ts';
import { loadLabels } from '../../modules/taxonomy/index.ts';
import {
  addInternalNote,
  findTicketForActor,
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
import { presentTicket, presentTimeline } from './tickets.present.ts';
import {
  CreateMessageBody,
  CreateTicketBody,
  ListQuery,
  MessageCreatedSchema,
  RefParams,
  TicketDetailSchema,
  TicketListSchema,
  TicketSchema,
} from './tickets.schemas.ts';

const tags = ['tickets'];
const security = [{ bearer: [] }];

/** Tickets over JSON: open, list, read and answer. Visibility and rules are the services'. */
export async function ticketApiRoutes(app: FastifyInstance, { deps }: { deps: WebDeps }) {
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
      schema: {
        summary: 'Open a ticket',
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
      const page = await listMyTickets(ctx(req), {
        tab: req.query.tab ?? 'open',
        cursor: req.query.cursor,
        limit: req.query.limit,
      });
      const labels = await loadLabels(ctx(req), req.locale);
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
      return { ticket: await present(req, view.ticket), timeline: presentTimeline(view.timeline) };
    },
  );

  api.post(
    '/tickets/:ref/messages',
    {
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
      const input = {
        body: req.body.body,
        expectedVersion: req.body.expectedVersion,
        source: 'api' as const,
      };
      if (req.body.internal && !isStaff(req.actor)) throw new AppError('FORBIDDEN');
      const result = req.body.internal
        ? await addInternalNote(c, req.params.ref, input)
        : await replyToTicket(c, req.params.ref, input);
      deps.pokeWorker();
      const ticket = await findTicketForActor(c, req.params.ref);
      return reply.code(201).send({ version: result.version, ticket: await present(req, ticket) });
    },
  );
}
