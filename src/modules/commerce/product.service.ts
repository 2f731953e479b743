import type { Ctx } from '../../platform/context.ts';
import { tx } from '../../platform/db/tx.ts';
import { AppError, assertValid, type FieldErrors } from '../../platform/errors.ts';
import { requireWritable } from '../accounts/index.ts';
import { requireFeed } from './feed.service.ts';
import { recordAudit } from '../audit/index.ts';
import { requireCommerce } from './commerce.policy.ts';
import type { Product } from './commerce.schema.ts';
import { checkCurrency, checkExternalId, checkMinor, checkText } from './commerce.validation.ts';
import {
  findProduct,
  findProductByExternalId,
  insertProduct,
  listProductRows,
  updateProduct,
} from './product.repo.ts';

export interface ProductInput {
  name: string;
  /** Minor units. */
  price: number;
  currency: string;
  externalId?: string | null | undefined;
  active?: boolean | undefined;
}

const PAGE = 50;

/** Products by name, 50 a page (permission `commerce`). */
export async function listProducts(ctx: Ctx, q: { after?: string | undefined } = {}) {
  requireCommerce(ctx.actor);
  const m = /^(\d{1,15}):(.*)$/s.exec(q.after ?? '');
  const rows = await listProductRows(ctx.db, {
    after: m ? { id: Number(m[1]), name: m[2]! } : undefined,
    limit: PAGE + 1,
  });
  const page = rows.slice(0, PAGE);
  const last = page[page.length - 1];
  return { rows: page, next: rows.length > PAGE && last ? `${last.id}:${last.name}` : undefined };
}

export async function getProduct(ctx: Ctx, id: number): Promise<Product> {
  requireCommerce(ctx.actor);
  const product = await findProduct(ctx.db, id);
  if (!product) throw new AppError('NOT_FOUND');
  return product;
}

function checkProduct(input: ProductInput) {
  const errors: FieldErrors = {};
  const name = checkText(errors, 'name', input.name);
  const price = checkMinor(errors, 'price', input.price);
  const currency = checkCurrency(errors, 'currency', input.currency);
  const raw = input.externalId?.trim();
  const externalId = raw ? checkExternalId(errors, 'externalId', raw) : null;
  assertValid(errors);
  return {
    name,
    price_minor: price,
    currency,
    external_id: externalId,
    active: input.active === false ? 0 : 1,
  };
}

/**
 * Creates a product (id undefined) or changes one, from the desk (permission `commerce`). An
 * external id another product holds is a field error.
 */
export async function saveProduct(ctx: Ctx, id: number | undefined, input: ProductInput): Promise<Product> {
  requireCommerce(ctx.actor);
  requireWritable(ctx.actor);
  const values = checkProduct(input);
  return tx(ctx.db, async (trx) => {
    if (values.external_id) {
      const holder = await findProductByExternalId(trx, values.external_id);
      if (holder && holder.id !== id)
        throw new AppError('VALIDATION', { externalId: 'commerce.error.externalIdTaken' });
    }
    const now = ctx.now();
    let product: Product;
    if (id === undefined) {
      product = await insertProduct(trx, { ...values, created_at: now, updated_at: now });
    } else {
      if (!(await findProduct(trx, id))) throw new AppError('NOT_FOUND');
      product = await updateProduct(trx, id, { ...values, updated_at: now });
    }
    await recordAudit(
      { ...ctx, db: trx },
      {
        action: id === undefined ? 'commerce.product.create' : 'commerce.product.update',
        targetType: 'product',
        targetId: product.id,
        data: values,
      },
    );
    return product;
  });
}

/**
 * Creates or updates the product with this external id, for a shop pushing its catalogue
 * (permission `commerce`, admin-scoped token). The same push twice leaves one product.
 */
export async function upsertProduct(
  ctx: Ctx,
  externalId: string,
  input: Omit<ProductInput, 'externalId'>,
  opts: { audit?: boolean } = {},
): Promise<{ product: Product; created: boolean }> {
  requireFeed(ctx);
  const values = checkProduct({ ...input, externalId });
  return tx(ctx.db, async (trx) => {
    const existing = await findProductByExternalId(trx, values.external_id!);
    const now = ctx.now();
    const product = existing
      ? await updateProduct(trx, existing.id, { ...values, updated_at: now })
      : await insertProduct(trx, { ...values, created_at: now, updated_at: now });
    if (opts.audit !== false)
      await recordAudit(
        { ...ctx, db: trx },
        {
          action: 'commerce.feed.product',
          targetType: 'product',
          targetId: product.id,
          data: { externalId, created: !existing },
        },
      );
    return { product, created: !existing };
  });
}
