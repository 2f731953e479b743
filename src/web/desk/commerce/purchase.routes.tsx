import type { FastifyInstance, FastifyRequest } from 'fastify';
import { cancelPurchase, inspectPurchase, reinstatePurchase } from '../../../modules/commerce/index.ts';
import type { View } from '../../ui/view.ts';
import { numericParam, routeKit, type WebDeps } from '../../route-kit.ts';
import { commerceAction, inPlace, type ActionForm } from './action-kit.tsx';
import { readCarry, type Carry } from './carry.ts';
import { sendDialogOrPage } from './dialog-kit.tsx';
import { CancelPurchaseForm, ConfirmForm, PurchaseInspect } from './purchase.dialogs.tsx';

const idOf = (req: FastifyRequest) => numericParam((req.params as { id: string }).id);

function reinstateForm(v: View, id: number, carry: Carry, hx: boolean, form?: ActionForm) {
  return {
    title: v.t.t('commerce.purchase.reinstateTitle', { id }),
    body: (
      <ConfirmForm
        v={v}
        action={`/desk/purchases/${id}/reinstate`}
        question={v.t.t('commerce.purchase.reinstateConfirm')}
        submit={v.t.t('commerce.action.reinstate')}
        carry={carry}
        hx={hx}
        form={form}
      />
    ),
  };
}

/** A customer's purchase: inspect, cancel (with a reason), reinstate; dialogs with htmx, pages without. */
export async function deskPurchaseRoutes(app: FastifyInstance, { deps }: { deps: WebDeps }) {
  const { ctx, view } = routeKit(deps);

  app.get('/desk/purchases/:id', async (req, reply) => {
    const d = await inspectPurchase(ctx(req), idOf(req));
    const v = await view(req, reply);
    const carry = readCarry(req.query as Record<string, unknown>);
    const title = v.t.t('commerce.purchase.title', { id: d.purchase.id, name: d.purchase.name });
    return sendDialogOrPage(req, reply, v, {
      title,
      carry,
      body: <PurchaseInspect v={v} d={d} carry={carry} />,
    });
  });

  app.get('/desk/purchases/:id/cancel', async (req, reply) => {
    const d = await inspectPurchase(ctx(req), idOf(req));
    const v = await view(req, reply);
    const carry = readCarry(req.query as Record<string, unknown>);
    const title = v.t.t('commerce.purchase.cancelTitle', { id: d.purchase.id });
    const body = <CancelPurchaseForm v={v} d={d} carry={carry} hx={inPlace(req, carry)} />;
    return sendDialogOrPage(req, reply, v, { title, carry, body });
  });

  app.post(
    '/desk/purchases/:id/cancel',
    commerceAction(deps, {
      run: (c, carry, body, req) =>
        cancelPurchase(c, idOf(req), { reason: body.reason, ticketNumber: carry.ticketNumber }),
      notice: (_v, r) => ({
        key: r.changed ? 'commerce.flash.purchaseCanceled' : 'commerce.flash.unchanged',
        values: { id: r.value.id, name: r.value.name },
        info: !r.changed,
      }),
      form: async (v, carry, form, hx, req) => {
        const d = await inspectPurchase(ctx(req), idOf(req));
        return {
          title: v.t.t('commerce.purchase.cancelTitle', { id: d.purchase.id }),
          body: <CancelPurchaseForm v={v} d={d} carry={carry} hx={hx} form={form} />,
        };
      },
    }),
  );

  app.get('/desk/purchases/:id/reinstate', async (req, reply) => {
    const d = await inspectPurchase(ctx(req), idOf(req));
    const v = await view(req, reply);
    const carry = readCarry(req.query as Record<string, unknown>);
    return sendDialogOrPage(req, reply, v, {
      ...reinstateForm(v, d.purchase.id, carry, inPlace(req, carry)),
      carry,
    });
  });

  app.post(
    '/desk/purchases/:id/reinstate',
    commerceAction(deps, {
      run: (c, carry, _body, req) => reinstatePurchase(c, idOf(req), { ticketNumber: carry.ticketNumber }),
      notice: (_v, r) => ({
        key: 'commerce.flash.purchaseReinstated',
        values: { id: r.value.id, name: r.value.name },
      }),
      form: async (v, carry, form, hx, req) => reinstateForm(v, idOf(req), carry, hx, form),
    }),
  );
}
