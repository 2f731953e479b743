import { Type } from 'typebox';

const Texts = (description: string) =>
  Type.Record(Type.String({ pattern: '^[a-z]{2}$' }), Type.String(), { description });

const TextsPatch = (description: string) =>
  Type.Record(Type.String(), Type.Union([Type.String(), Type.Null()]), { description });

const Colour = Type.String({ description: '#rrggbb', examples: ['#1e3a8a'] });

export const LabelColorsSchema = Type.Object({
  light: Type.Object({ background: Colour, text: Colour }),
  dark: Type.Object({ background: Colour, text: Colour }),
});

const ColorsPatch = Type.Object({
  light: Type.Optional(Type.Object({ background: Type.Optional(Colour), text: Type.Optional(Colour) })),
  dark: Type.Optional(Type.Object({ background: Type.Optional(Colour), text: Type.Optional(Colour) })),
});

const Contrast = Type.Object({
  ratio: Type.Number({ description: 'WCAG contrast of text on background, rounded down to one decimal.' }),
  ok: Type.Boolean({ description: 'At least 4.5:1 (WCAG AA).' }),
  suggestion: Type.String({ description: 'Black or white, whichever reads better on the background.' }),
});

export const ContrastSchema = Type.Object({ light: Contrast, dark: Contrast });

export const CategorySchema = Type.Object(
  {
    id: Type.Integer(),
    name: Type.String({ description: "In the reader's language, else the site's default language." }),
    names: Texts('Every stored name by language.'),
    disclaimers: Texts('Markdown shown when the category is chosen for a new ticket, by language.'),
    active: Type.Boolean({
      description: 'False when archived: kept on old tickets, not offered for new ones.',
    }),
    position: Type.Integer(),
    version: Type.Integer({
      description: 'Send it back as expectedVersion to refuse overwriting a newer edit.',
    }),
  },
  { $id: 'Category' },
);

export const StatusSchema = Type.Object(
  {
    id: Type.Integer(),
    code: Type.Union([Type.String(), Type.Null()], {
      description: 'Stable code of a seeded status, e.g. "new".',
    }),
    name: Type.String(),
    names: Texts('Every stored name by language.'),
    closing: Type.Boolean({ description: 'Tickets with this status count as closed.' }),
    builtin: Type.Boolean({
      description: 'Builtin statuses cannot be deleted, nor their closing flag changed.',
    }),
    position: Type.Integer(),
    colors: LabelColorsSchema,
    contrast: ContrastSchema,
    version: Type.Integer(),
  },
  { $id: 'Status' },
);

export const PrioritySchema = Type.Object(
  {
    value: Type.Integer({ minimum: -2, maximum: 2 }),
    name: Type.String(),
    names: Texts('Every stored name by language.'),
    colors: LabelColorsSchema,
    contrast: ContrastSchema,
    version: Type.Integer(),
  },
  { $id: 'Priority' },
);

export const CategoryListSchema = Type.Object({ items: Type.Array(CategorySchema) });
export const StatusListSchema = Type.Object({ items: Type.Array(StatusSchema) });
export const PriorityListSchema = Type.Object({ items: Type.Array(PrioritySchema) });

const namesPatch = TextsPatch(
  'Names by language; "" or null removes one. The default language needs a name.',
);

export const CreateCategoryBody = Type.Object({
  names: namesPatch,
  disclaimers: Type.Optional(TextsPatch('Markdown by language; "" or null removes one.')),
  active: Type.Optional(Type.Boolean()),
  position: Type.Optional(Type.Integer({ minimum: 0 })),
});

export const UpdateCategoryBody = Type.Object({
  names: Type.Optional(namesPatch),
  disclaimers: Type.Optional(TextsPatch('Markdown by language; "" or null removes one, absent ones stay.')),
  active: Type.Optional(Type.Boolean()),
  position: Type.Optional(Type.Integer({ minimum: 0 })),
  expectedVersion: Type.Optional(
    Type.Integer({ description: 'Refuse with 409 STALE_EDIT if it changed since.' }),
  ),
});

export const CreateStatusBody = Type.Object({
  names: namesPatch,
  closing: Type.Optional(Type.Boolean()),
  colors: Type.Optional(ColorsPatch),
  position: Type.Optional(Type.Integer({ minimum: 0 })),
});

export const UpdateStatusBody = Type.Object({
  names: Type.Optional(namesPatch),
  closing: Type.Optional(Type.Boolean()),
  colors: Type.Optional(ColorsPatch),
  position: Type.Optional(Type.Integer({ minimum: 0 })),
  expectedVersion: Type.Optional(
    Type.Integer({ description: 'Refuse with 409 STALE_EDIT if it changed since.' }),
  ),
});

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

export const DeleteQuery = Type.Object({
  moveTo: Type.Optional(
    Type.Integer({ minimum: 1, description: 'Where its tickets go; required when tickets use it.' }),
  ),
});

export const DeletedSchema = Type.Object({ moved: Type.Integer({ description: 'How many tickets moved.' }) });
