import { Type } from 'typebox';

const Iso = Type.String({ format: 'date-time' });

export const TicketSchema = Type.Object(
  {
    key: Type.String({ description: 'The unguessable public key; the customer URL is built from it.' }),
    number: Type.Integer({ description: 'The sequential, staff-facing ticket number (#123).' }),
    version: Type.Integer({ description: 'Bumped by every change; send it back as expectedVersion.' }),
    subject: Type.String(),
    url: Type.String(),
    status: Type.Object({ id: Type.Integer(), name: Type.String(), closing: Type.Boolean() }),
    category: Type.Object({ id: Type.Integer(), name: Type.String() }),
    priority: Type.Object({ value: Type.Integer({ minimum: -2, maximum: 2 }), name: Type.String() }),
    locked: Type.Boolean(),
    issuer: Type.Object({ name: Type.String(), email: Type.Optional(Type.String()) }),
    createdAt: Iso,
    lastActivityAt: Iso,
  },
  { $id: 'Ticket' },
);

export const TimelineEntrySchema = Type.Union([
  Type.Object({
    type: Type.Literal('message'),
    id: Type.Integer(),
    at: Iso,
    author: Type.Object({ name: Type.String(), role: Type.String() }),
    html: Type.String(),
    internal: Type.Boolean(),
    source: Type.String(),
    files: Type.Array(
      Type.Object({
        id: Type.String(),
        name: Type.String(),
        size: Type.Integer(),
        type: Type.String(),
        sha256: Type.String(),
        url: Type.String(),
      }),
    ),
  }),
  Type.Object({
    type: Type.Literal('change'),
    id: Type.Integer(),
    at: Iso,
    kind: Type.String(),
    from: Type.Union([Type.String(), Type.Null()]),
    to: Type.Union([Type.String(), Type.Null()]),
  }),
]);

export const TicketDetailSchema = Type.Object({
  ticket: TicketSchema,
  timeline: Type.Array(TimelineEntrySchema),
});

export const TicketListSchema = Type.Object({
  items: Type.Array(TicketSchema),
  next: Type.Union([Type.String(), Type.Null()], { description: 'Cursor for the next page, or null.' }),
});

export const CreateTicketBody = Type.Object({
  subject: Type.String({ maxLength: 1000 }),
  body: Type.String({ maxLength: 200_000 }),
  categoryId: Type.Integer(),
  name: Type.Optional(Type.String({ description: 'Staff tokens only: file the ticket for this guest.' })),
  email: Type.Optional(Type.String()),
});

const ChangeFields = {
  statusId: Type.Optional(Type.Integer()),
  categoryId: Type.Optional(Type.Integer()),
  priority: Type.Optional(Type.Integer()),
  assigneeId: Type.Optional(
    Type.Union([Type.Integer(), Type.Null()], { description: 'A staff user id, or null to unassign.' }),
  ),
  locked: Type.Optional(Type.Boolean()),
};

const ExpectedVersion = Type.Optional(
  Type.Integer({ description: 'Refuse with 409 STALE_TICKET if the ticket changed since.' }),
);

export const CreateMessageBody = Type.Object({
  body: Type.String({ maxLength: 200_000 }),
  expectedVersion: ExpectedVersion,
  internal: Type.Optional(
    Type.Boolean({ description: 'Staff only: an internal note, never shown to the customer.' }),
  ),
  ...ChangeFields,
});

export const PatchTicketBody = Type.Object({ ...ChangeFields, expectedVersion: ExpectedVersion });

export const HistorySchema = Type.Object({
  ticket: Type.Object({ key: Type.String(), number: Type.Integer(), version: Type.Integer() }),
  history: Type.Array(TimelineEntrySchema),
});

export const MessageCreatedSchema = Type.Object({ version: Type.Integer(), ticket: TicketSchema });

export const RefParams = Type.Object({
  ref: Type.String({ description: 'The ticket key, or for staff its number.' }),
});

export const ListQuery = Type.Object({
  tab: Type.Optional(
    Type.String({
      description: 'Customers: open or closed. Staff: new, open, mine or all.',
      enum: ['open', 'closed', 'new', 'mine', 'all'],
    }),
  ),
  cursor: Type.Optional(Type.String()),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  status: Type.Optional(
    Type.Union([Type.String(), Type.Array(Type.String())], { description: 'Staff: status ids.' }),
  ),
  category: Type.Optional(Type.String()),
  priority: Type.Optional(Type.String()),
  assignee: Type.Optional(Type.String({ description: 'Staff: a user id, "me" or "none".' })),
  issuer: Type.Optional(Type.String({ description: 'Staff: a name, an email prefix, or user:ID.' })),
  q: Type.Optional(Type.String({ description: 'Staff: text in the subject, or #number.' })),
  createdFrom: Type.Optional(Type.String({ format: 'date' })),
  createdTo: Type.Optional(Type.String({ format: 'date' })),
  activityFrom: Type.Optional(Type.String({ format: 'date' })),
  activityTo: Type.Optional(Type.String({ format: 'date' })),
  sort: Type.Optional(Type.String({ enum: ['activity', 'created', 'priority', 'number'] })),
  dir: Type.Optional(Type.String({ enum: ['asc', 'desc'] })),
});
