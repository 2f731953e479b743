import { Type } from 'typebox';

const Iso = Type.String({ format: 'date-time' });
const IsoOrNull = Type.Union([Iso, Type.Null()]);
const Minor = Type.Integer({ description: 'Money in minor units of the currency (cents for EUR).' });
const Currency = Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217 code, e.g. EUR.' });
const TicketRef = Type.Optional(
  Type.Integer({
    minimum: 1,
    description: 'The ticket this is done from: it gets a staff-only history line.',
  }),
);

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
export const ExternalIdParams = Type.Object({ externalId: Type.String({ minLength: 1, maxLength: 200 }) });
export const CustomerParams = Type.Object({
  ref: Type.String({ description: 'user:<id>, a bare account id, or email:<address>.' }),
});
export const TicketQuery = Type.Object({ ticket: TicketRef });

export const CustomerSchema = Type.Object({
  ref: Type.String(),
  name: Type.String(),
  email: Type.String(),
  userId: Type.Union([Type.Integer(), Type.Null()]),
});

export const ProductSchema = Type.Object({
  id: Type.Integer(),
  externalId: Type.Union([Type.String(), Type.Null()]),
  name: Type.String(),
  price: Minor,
  currency: Currency,
  active: Type.Boolean(),
});

export const PurchaseSchema = Type.Object({
  id: Type.Integer(),
  externalId: Type.Union([Type.String(), Type.Null()]),
  customer: Type.Object({ key: Type.String(), name: Type.String(), email: Type.String() }),
  productId: Type.Union([Type.Integer(), Type.Null()]),
  invoiceId: Type.Union([Type.Integer(), Type.Null()]),
  name: Type.String(),
  state: Type.String({
    description: 'active, expired or canceled (active past its expiry reads expired).',
  }),
  purchasedAt: Iso,
  expiresAt: IsoOrNull,
  renewalTerms: Type.Union([Type.String(), Type.Null()]),
  canceledAt: IsoOrNull,
  cancelReason: Type.Union([Type.String(), Type.Null()]),
});

export const TransactionSchema = Type.Object({
  id: Type.Integer(),
  externalId: Type.Union([Type.String(), Type.Null()]),
  invoiceId: Type.Integer(),
  kind: Type.String({ description: 'payment or refund' }),
  gateway: Type.String(),
  amount: Minor,
  currency: Currency,
  status: Type.String({ description: 'paid, refunded, partially_refunded or failed' }),
  reference: Type.String(),
  createdAt: Iso,
});

const Item = Type.Object({ name: Type.String(), unitPrice: Minor, quantity: Type.Integer() });

export const InvoiceSchema = Type.Object({
  id: Type.Integer(),
  externalId: Type.Union([Type.String(), Type.Null()]),
  number: Type.String(),
  customer: Type.Object({ key: Type.String(), name: Type.String(), email: Type.String() }),
  title: Type.String(),
  status: Type.String({ description: 'pending, paid, canceled, refunded, partially_refunded or expired' }),
  currency: Currency,
  subtotal: Minor,
  tax: Minor,
  total: Minor,
  refunded: Minor,
  refundable: Minor,
  billingAddress: Type.String(),
  poNumber: Type.String(),
  notes: Type.String(),
  createdAt: Iso,
  paidAt: IsoOrNull,
  dueAt: IsoOrNull,
  items: Type.Optional(Type.Array(Item)),
  transactions: Type.Optional(Type.Array(TransactionSchema)),
});

export const PurchaseListSchema = Type.Object({
  customer: CustomerSchema,
  counts: Type.Object({ active: Type.Integer(), expired: Type.Integer(), canceled: Type.Integer() }),
  items: Type.Array(PurchaseSchema),
  next: Type.Union([Type.String(), Type.Null()]),
});

export const InvoiceListSchema = Type.Object({
  customer: CustomerSchema,
  items: Type.Array(InvoiceSchema),
  next: Type.Union([Type.String(), Type.Null()]),
});

export const PurchaseListQuery = Type.Object({
  tab: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('expired'), Type.Literal('canceled')])),
  cursor: Type.Optional(Type.String()),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
});

export const InvoiceListQuery = Type.Object({
  status: Type.Optional(Type.String()),
  cursor: Type.Optional(Type.String()),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
});

export const ChangedSchema = (record: ReturnType<typeof Type.Object>) =>
  Type.Object({
    changed: Type.Boolean({ description: 'False when it was already so: nothing was written.' }),
    record,
  });

export const RefundBody = Type.Object({
  amount: Type.Integer({ description: 'Minor units of the invoice currency; at most what is left.' }),
  currency: Type.Optional(Currency),
  idempotencyKey: Type.String({
    minLength: 8,
    maxLength: 200,
    description: 'Your key for this refund (8–200 of A-Z a-z 0-9 _ . : -). Sending it again refunds once.',
  }),
  ticket: TicketRef,
});

export const RefundSchema = Type.Object({
  invoice: InvoiceSchema,
  transaction: TransactionSchema,
  replayed: Type.Boolean({ description: 'True when this key had refunded already: nothing new happened.' }),
});

export const NotesBody = Type.Object({ notes: Type.String({ maxLength: 5000 }), ticket: TicketRef });
export const TrackingBody = Type.Object({ on: Type.Boolean(), ticket: TicketRef });

const CustomerInput = Type.Object({
  email: Type.String(),
  name: Type.Optional(Type.String()),
  userId: Type.Optional(
    Type.Union([Type.Integer(), Type.Null()], { description: 'Their account here, if any.' }),
  ),
});

export const ProductBody = Type.Object({
  name: Type.String(),
  price: Minor,
  currency: Currency,
  active: Type.Optional(Type.Boolean()),
});

export const PurchaseBody = Type.Object({
  customer: CustomerInput,
  productExternalId: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  invoiceExternalId: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  name: Type.String(),
  purchasedAt: Iso,
  expiresAt: Type.Optional(IsoOrNull),
  renewalTerms: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  state: Type.Optional(
    Type.Union([Type.Literal('active'), Type.Literal('expired'), Type.Literal('canceled')]),
  ),
  cancelReason: Type.Optional(Type.Union([Type.String(), Type.Null()])),
});

export const InvoiceBody = Type.Object({
  number: Type.Optional(
    Type.Union([Type.String(), Type.Null()], { description: 'Omit to get the next number.' }),
  ),
  customer: CustomerInput,
  title: Type.String(),
  status: Type.String(),
  currency: Currency,
  items: Type.Array(Item, { minItems: 1, maxItems: 100 }),
  tax: Type.Optional(Minor),
  billingAddress: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  poNumber: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  notes: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  createdAt: Type.Optional(Iso),
  paidAt: Type.Optional(IsoOrNull),
  dueAt: Type.Optional(IsoOrNull),
});

export const TransactionBody = Type.Object({
  invoiceExternalId: Type.String(),
  kind: Type.Optional(Type.Union([Type.Literal('payment'), Type.Literal('refund')])),
  gateway: Type.String(),
  amount: Minor,
  currency: Currency,
  status: Type.Union([
    Type.Literal('paid'),
    Type.Literal('refunded'),
    Type.Literal('partially_refunded'),
    Type.Literal('failed'),
  ]),
  reference: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  createdAt: Type.Optional(Iso),
});
