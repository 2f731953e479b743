import { anonymous, type Ctx } from '../../platform/context.ts';
import { randomToken } from '../../platform/crypto.ts';
import { AppError } from '../../platform/errors.ts';
import { actorFromUser, createUser, setUserAccess, type User } from '../accounts/index.ts';
import { activeCategories, loadLabels } from '../taxonomy/index.ts';
import { openTicket } from '../tickets/index.ts';
import { installIsEmpty } from './demo.repo.ts';
import { upsertInvoice, upsertPurchase, type InvoiceInput } from './feed.service.ts';
import { upsertProduct } from './product.service.ts';
import { upsertTransaction } from './transaction-feed.service.ts';

const DAY = 86_400_000;

export interface DemoLogin {
  email: string;
  password: string;
  role: string;
}

export interface DemoSummary {
  logins: DemoLogin[];
  customers: number;
  products: number;
  purchases: number;
  invoices: number;
  tickets: number;
}

const CUSTOMERS = [
  { name: 'Zoë Łukasiewicz', email: 'zoe@example.com' },
  { name: 'Дмитрий Иванов', email: 'dmitri@example.com' },
  { name: 'Jürgen Groß', email: 'juergen@example.com' },
];
const GUEST = { name: 'Νίκος Παπαδόπουλος', email: 'nikos@example.com' };

const PRODUCTS = [
  { id: 'demo-pro', name: 'Parley Pro licence', price: 4900, currency: 'EUR' },
  { id: 'demo-support', name: 'Priority support, one year', price: 19900, currency: 'EUR' },
  { id: 'demo-seat', name: 'Extra seat', price: 990, currency: 'EUR' },
];

async function makeUsers(ctx: Ctx): Promise<{ logins: DemoLogin[]; admin: User; customers: User[] }> {
  const logins: DemoLogin[] = [];
  const make = async (name: string, email: string, role: string) => {
    const password = randomToken(12);
    const user = await createUser(ctx, { email, password, displayName: name, role });
    logins.push({ email, password, role });
    return user;
  };
  const admin = await make('Ada Admin', 'admin@example.com', 'admin');
  const agent = await make('Sam Support', 'agent@example.com', 'staff');
  await setUserAccess({ ...ctx, actor: actorFromUser(admin) }, agent.id, {
    role: 'staff',
    permissions: ['commerce', 'refunds'],
  });
  const customers = [];
  for (const c of CUSTOMERS) customers.push(await make(c.name, c.email, 'customer'));
  return { logins, admin, customers };
}

type Person = { userId?: number; email: string; name: string };

function invoice(
  customer: Person,
  title: string,
  item: (typeof PRODUCTS)[number],
  status: InvoiceInput['status'],
  createdAt: number,
): InvoiceInput {
  return {
    customer,
    title,
    status,
    currency: item.currency,
    items: [{ name: item.name, unitPrice: item.price, quantity: 1 }],
    tax: Math.round(item.price * 0.19),
    billingAddress: `${customer.name}\nHauptstraße 1\n10115 Berlin\nGermany`,
    createdAt,
    paidAt: status === 'pending' || status === 'canceled' ? null : createdAt + DAY,
    dueAt: createdAt + 14 * DAY,
  };
}

const [PRO, SUPPORT, SEAT] = PRODUCTS as [(typeof PRODUCTS)[0], (typeof PRODUCTS)[0], (typeof PRODUCTS)[0]];

/** One demo customer's three invoices (paid, pending, expired or canceled) and two purchases. */
async function seedCustomer(ctx: Ctx, i: number, person: Person): Promise<void> {
  const now = ctx.now();
  const paidAt = now - (40 + i) * DAY;
  const paid = await upsertInvoice(
    ctx,
    `demo-inv-${i}-1`,
    invoice(person, 'Parley Pro', PRO, 'paid', paidAt),
  );
  await upsertTransaction(ctx, `demo-tx-${i}-1`, {
    invoiceExternalId: `demo-inv-${i}-1`,
    gateway: 'demo-card',
    amount: paid.invoice.total_minor,
    currency: 'EUR',
    status: 'paid',
    reference: `ch_demo_${i}_1`,
    createdAt: paidAt + DAY,
  });
  await upsertInvoice(
    ctx,
    `demo-inv-${i}-2`,
    invoice(person, 'Support renewal', SUPPORT, 'pending', now - i * DAY),
  );
  const lapsed = i % 2 ? 'canceled' : 'expired';
  await upsertInvoice(ctx, `demo-inv-${i}-3`, invoice(person, 'Extra seat', SEAT, lapsed, now - 90 * DAY));
  await upsertPurchase(ctx, `demo-pur-${i}-1`, {
    customer: person,
    productExternalId: PRO.id,
    invoiceExternalId: `demo-inv-${i}-1`,
    name: PRO.name,
    purchasedAt: paidAt,
    renewalTerms: '49.00 EUR / year',
    expiresAt: now + 325 * DAY,
  });
  await upsertPurchase(ctx, `demo-pur-${i}-2`, {
    customer: person,
    productExternalId: SEAT.id,
    name: SEAT.name,
    purchasedAt: now - 400 * DAY,
    expiresAt: now - 35 * DAY,
  });
}

/**
 * Fills an empty install with demo accounts, products, purchases, invoices and tickets, so anyone
 * can try Parley in a minute. Refuses (CONFLICT) when the install holds anything already.
 */
export async function fillDemo(ctx: Ctx): Promise<DemoSummary> {
  if (ctx.actor.kind !== 'system') throw new AppError('FORBIDDEN');
  if (!(await installIsEmpty(ctx.db))) throw new AppError('CONFLICT');
  const { logins, customers } = await makeUsers(ctx);
  for (const p of PRODUCTS) await upsertProduct(ctx, p.id, p);
  const people: Person[] = [
    ...customers.map((u) => ({ userId: u.id, email: u.email, name: u.display_name })),
    { email: GUEST.email, name: GUEST.name },
  ];
  for (const [i, person] of people.entries()) await seedCustomer(ctx, i, person);
  const tickets = await openDemoTickets(ctx, customers);
  return {
    logins,
    customers: people.length,
    products: PRODUCTS.length,
    purchases: people.length * 2,
    invoices: people.length * 3,
    tickets,
  };
}

async function openDemoTickets(ctx: Ctx, customers: User[]): Promise<number> {
  const categoryId = activeCategories(await loadLabels(ctx, 'en'))[0]?.id;
  if (categoryId === undefined) return 0;
  const subjects = [
    'Please refund my second licence',
    'Invoice address is wrong',
    'Licence key does not work',
  ];
  let count = 0;
  for (const [i, customer] of customers.entries()) {
    await openTicket(
      { ...ctx, actor: actorFromUser(customer) },
      {
        subject: subjects[i % subjects.length]!,
        body: 'Hello, could you please have a look? Thank you!',
        categoryId,
        source: 'web',
      },
    );
    count++;
  }
  await openTicket(
    { ...ctx, actor: anonymous },
    {
      subject: 'Charged twice',
      body: 'My card was charged twice for Parley Pro.',
      categoryId,
      guest: GUEST,
      source: 'web',
    },
  );
  return count + 1;
}
