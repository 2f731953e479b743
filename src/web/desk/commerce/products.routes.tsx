import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  getProduct,
  isCurrency,
  listProducts,
  minorToMajorText,
  parseMajorAmount,
  saveProduct,
  type Product,
} from '../../../modules/commerce/index.ts';
import { AppError } from '../../../platform/errors.ts';
import { formBody, redirectWithFlash } from '../../../platform/http/request-context.ts';
import { sendHtml } from '../../../platform/render/render.ts';
import { Csrf, Field, FormError, Submit, emptyForm, type FormState } from '../../ui/Form.tsx';
import { DeskLayout } from '../../ui/layouts.tsx';
import type { View } from '../../ui/view.ts';
import { attempt, formWithError, numericParam, routeKit, type WebDeps } from '../../route-kit.ts';

function ProductList({ v, rows, next }: { v: View; rows: Product[]; next: string | undefined }) {
  const t = v.t.t;
  return (
    <DeskLayout v={v} title={t('commerce.products.title')}>
      <div class="page-head">
        <h1 safe>{t('commerce.products.title')}</h1>
        <a class="button button-primary" href="/desk/products/new" safe>
          {t('commerce.products.new')}
        </a>
      </div>
      <table class="table">
        <thead>
          <tr>
            <th safe>{t('commerce.products.name')}</th>
            <th class="num" safe>
              {t('commerce.products.price')}
            </th>
            <th safe>{t('commerce.products.externalId')}</th>
            <th safe>{t('commerce.products.state')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => (
            <tr>
              <td>
                <a href={`/desk/products/${p.id}`} safe>
                  {p.name}
                </a>
              </td>
              <td class="num" safe>
                {v.t.money(p.price_minor, p.currency)}
              </td>
              <td safe>{p.external_id ?? ''}</td>
              <td safe>{t(p.active ? 'commerce.products.active' : 'commerce.products.inactive')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 ? (
        <p class="empty" safe>
          {t('commerce.products.none')}
        </p>
      ) : (
        ''
      )}
      {next ? (
        <nav class="pager" aria-label={t('pager.label')}>
          <a href={`/desk/products?after=${encodeURIComponent(next)}`} rel="next" safe>
            {t('pager.next')}
          </a>
        </nav>
      ) : (
        ''
      )}
    </DeskLayout>
  );
}

function ProductForm({ v, product, form }: { v: View; product: Product | undefined; form: FormState }) {
  const t = v.t.t;
  const title = product ? t('commerce.products.edit', { name: product.name }) : t('commerce.products.new');
  const val = (name: string, fallback: string) => form.values[name] ?? fallback;
  return (
    <DeskLayout v={v} title={title}>
      <p class="breadcrumb">
        <a href="/desk/products" safe>
          {t('commerce.products.title')}
        </a>
      </p>
      <h1 safe>{title}</h1>
      <form
        method="post"
        action={product ? `/desk/products/${product.id}` : '/desk/products'}
        class="stack form-card"
      >
        <Csrf v={v} />
        <FormError v={v} form={form} />
        <Field
          v={v}
          form={form}
          name="name"
          label={t('commerce.products.name')}
          value={val('name', product?.name ?? '')}
          required
          maxlength={200}
        />
        <div class="grid-2 tight">
          <Field
            v={v}
            form={form}
            name="price"
            label={t('commerce.products.price')}
            value={val('price', product ? minorToMajorText(product.price_minor, product.currency) : '')}
            required
            hint={t('commerce.products.priceHint')}
          />
          <Field
            v={v}
            form={form}
            name="currency"
            label={t('commerce.products.currency')}
            value={val('currency', product?.currency ?? 'EUR')}
            required
            maxlength={3}
          />
        </div>
        <Field
          v={v}
          form={form}
          name="externalId"
          label={t('commerce.products.externalId')}
          value={val('externalId', product?.external_id ?? '')}
          hint={t('commerce.products.externalIdHint')}
          maxlength={200}
        />
        <label class="choice">
          <input
            type="checkbox"
            name="active"
            value="1"
            checked={
              form.values.name !== undefined ? form.values.active === '1' : (product?.active ?? 1) === 1
            }
          />{' '}
          <span safe>{t('commerce.products.active')}</span>
        </label>
        <Submit label={t('common.save')} />
      </form>
    </DeskLayout>
  );
}

/** Products: list and edit (permission `commerce`). Prices are typed in major units ("49.00"). */
export async function deskProductRoutes(app: FastifyInstance, { deps }: { deps: WebDeps }) {
  const { ctx, view } = routeKit(deps);

  app.get('/desk/products', async (req, reply) => {
    const page = await listProducts(ctx(req), { after: (req.query as { after?: string }).after });
    return sendHtml(reply, <ProductList v={await view(req, reply)} rows={page.rows} next={page.next} />);
  });

  app.get('/desk/products/new', async (req, reply) => {
    await listProducts(ctx(req), {});
    return sendHtml(reply, <ProductForm v={await view(req, reply)} product={undefined} form={emptyForm} />);
  });

  app.get('/desk/products/:id', async (req, reply) => {
    const product = await getProduct(ctx(req), numericParam((req.params as { id: string }).id));
    return sendHtml(reply, <ProductForm v={await view(req, reply)} product={product} form={emptyForm} />);
  });

  async function save(req: FastifyRequest, reply: FastifyReply, id: number | undefined) {
    const body = formBody(req);
    const product = id === undefined ? undefined : await getProduct(ctx(req), id);
    const currency = (body.currency ?? '').trim().toUpperCase();
    const result = await attempt(() => {
      const price = isCurrency(currency) ? parseMajorAmount(body.price ?? '', currency) : 0;
      if (price === undefined) throw new AppError('VALIDATION', { price: 'commerce.error.amountFormat' });
      return saveProduct(ctx(req), id, {
        name: body.name ?? '',
        price,
        currency,
        externalId: body.externalId,
        active: body.active === '1',
      });
    });
    if (!result.ok) {
      const page = (
        <ProductForm v={await view(req, reply)} product={product} form={formWithError(body, result.error)} />
      );
      return sendHtml(reply, page, result.error.status);
    }
    return redirectWithFlash(reply, '/desk/products', {
      kind: 'success',
      key: 'commerce.flash.productSaved',
      values: { name: result.value.name },
    });
  }

  app.post('/desk/products', async (req, reply) => save(req, reply, undefined));
  app.post('/desk/products/:id', async (req, reply) =>
    save(req, reply, numericParam((req.params as { id: string }).id)),
  );
}
