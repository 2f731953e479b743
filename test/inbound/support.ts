import { receiveMail } from '../../src/modules/inbound/index.ts';
import type { TestApp } from '../support/app.ts';

/** The stored row of an inbound mail, without its raw bytes. */
export async function inboundRow(t: TestApp, id: number) {
  return t.db.db
    .selectFrom('inbound_mails')
    .select([
      'id',
      'status',
      'mail_class',
      'decision',
      'decision_detail',
      'ticket_id',
      'ticket_message_id',
      'error',
      'from_address',
    ])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

/** Receives a raw mail as the endpoint would and runs the pipeline to the end. */
export async function ingest(t: TestApp, raw: Buffer) {
  const { id } = await receiveMail(t.ctx(), raw, 'api');
  await t.drainJobs();
  return inboundRow(t, id);
}

export async function ticketById(t: TestApp, id: number) {
  return t.db.db.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

export async function messagesOf(t: TestApp, ticketId: number) {
  return t.db.db.selectFrom('messages').selectAll().where('ticket_id', '=', ticketId).orderBy('id').execute();
}

/** The staff-only history notes of a ticket as { key, values }. */
export async function notesOf(t: TestApp, ticketId: number) {
  const rows = await t.db.db
    .selectFrom('ticket_events')
    .select(['new_value', 'internal'])
    .where('ticket_id', '=', ticketId)
    .where('kind', '=', 'note')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    ...(JSON.parse(r.new_value ?? '{}') as { key: string; values: Record<string, string | number> }),
    internal: r.internal === 1,
  }));
}
