import { actorFromUser, findUserByEmailForSystem, type User } from '../../src/modules/accounts/index.ts';
import { fillDemo } from '../../src/modules/commerce/index.ts';
import { createCategory, statusIdByCode } from '../../src/modules/taxonomy/index.ts';
import {
  addInternalNote,
  openTicket,
  replyToTicket,
  updateTicketAsStaff,
  type Ticket,
} from '../../src/modules/tickets/index.ts';
import { anonymous } from '../../src/platform/context.ts';
import type { TestApp } from './app.ts';

const MINUTE = 60_000;

export interface Showcase {
  admin: User;
  agent: User;
  /** Zoë, Dmitri and Jürgen, each with purchases and invoices. */
  customers: [User, User, User];
  /** Zoë's refund ticket: a conversation with a staff reply, an internal note and her answer. */
  main: Ticket;
  tickets: Ticket[];
  categories: { billing: number; technical: number };
}

async function ticketBySubject(t: TestApp, subject: string): Promise<Ticket> {
  return (await t.db.db
    .selectFrom('tickets')
    .selectAll()
    .where('subject', '=', subject)
    .executeTakeFirstOrThrow()) as Ticket;
}

async function makeCategories(t: TestApp, admin: User) {
  const ctx = t.ctx(actorFromUser(admin));
  const billing = await createCategory(ctx, {
    names: { en: 'Billing', de: 'Rechnungen' },
    disclaimers: {
      en: 'We answer billing questions within one working day. Please give your invoice number.',
      de: 'Fragen zu Rechnungen beantworten wir innerhalb eines Werktags. Bitte nennen Sie Ihre Rechnungsnummer.',
    },
  });
  const technical = await createCategory(ctx, {
    names: { en: 'Technical problems', de: 'Technische Probleme' },
  });
  return { billing: billing.id, technical: technical.id };
}

/** A few more tickets across categories, so the queue looks like a working day. */
async function openMore(t: TestApp, customers: User[], categories: Showcase['categories']) {
  const opened: Ticket[] = [];
  const items = [
    { who: customers[2], subject: 'Export to CSV stops at 10 000 rows', cat: categories.technical },
    { who: undefined, subject: 'Wie ändere ich meine Rechnungsadresse?', cat: categories.billing },
    { who: customers[1], subject: 'Two-factor codes are rejected', cat: categories.technical },
  ];
  for (const item of items) {
    t.clock.advance(7 * MINUTE);
    opened.push(
      await openTicket(t.ctx(item.who ? actorFromUser(item.who) : anonymous), {
        subject: item.subject,
        body: 'Hello,\n\nsince yesterday this no longer works. Could you **please** have a look?\n\nThanks!',
        categoryId: item.cat,
        guest: item.who ? undefined : { name: 'Marie Lefèvre', email: 'marie@example.com' },
        source: 'web',
      }),
    );
  }
  return opened;
}

/** Zoë and Sam talk: a reply that changes status and assignee, a note, and her answer. */
async function converse(t: TestApp, agent: User, zoe: User, main: Ticket) {
  const staff = t.ctx(actorFromUser(agent));
  t.clock.advance(18 * MINUTE);
  await updateTicketAsStaff(staff, String(main.number), {
    message: {
      body:
        'Hi Zoë,\n\nsorry about the double charge! I can see **two** Parley Pro licences on your account. ' +
        'I have started a refund for the second one; it usually reaches your card within 5 working days.\n\n' +
        '- Licence 1: stays active\n- Licence 2: refunded\n\nBest regards,\nSam',
      internal: false,
    },
    changes: { statusId: (await statusIdByCode(staff, 'in_progress')).id, assigneeId: agent.id, priority: 1 },
  });
  t.clock.advance(3 * MINUTE);
  await addInternalNote(staff, String(main.number), {
    body: 'Checked with the payment provider: the second charge is `ch_demo_0_1`. Refund approved by Ada.',
  });
  t.clock.advance(45 * MINUTE);
  await replyToTicket(t.ctx(actorFromUser(zoe)), main.key, {
    body: 'Thank you, that was quick! I will keep an eye on my statement.',
  });
}

/**
 * Fills a fresh test app with the demo data (staff, customers, products, purchases, invoices and
 * tickets) plus categories, a conversation and a few more tickets: the content of screenshots and
 * accessibility runs.
 */
export async function seedShowcase(t: TestApp): Promise<Showcase> {
  await fillDemo(t.ctx());
  const find = (email: string) => findUserByEmailForSystem(t.ctx(), email);
  const admin = await find('admin@example.com');
  const agent = await find('agent@example.com');
  const customers = [
    await find('zoe@example.com'),
    await find('dmitri@example.com'),
    await find('juergen@example.com'),
  ] as [User, User, User];
  const categories = await makeCategories(t, admin);
  const main = await ticketBySubject(t, 'Please refund my second licence');
  await converse(t, agent, customers[0], main);
  await openMore(t, customers, categories);
  const staff = t.ctx(actorFromUser(agent));
  t.clock.advance(12 * MINUTE);
  const invoiceTicket = await ticketBySubject(t, 'Invoice address is wrong');
  await updateTicketAsStaff(staff, String(invoiceTicket.number), {
    message: { body: 'Could you send us the correct address, please?', internal: false },
    changes: { statusId: (await statusIdByCode(staff, 'halted')).id, categoryId: categories.billing },
  });
  const tickets = await t.db.db.selectFrom('tickets').selectAll().orderBy('id').execute();
  return {
    admin,
    agent,
    customers,
    main: await ticketBySubject(t, main.subject),
    tickets: tickets as Ticket[],
    categories,
  };
}
