import type { FastifyInstance, FastifyRequest } from 'fastify';
import { inspectInvoice, renderInvoicePdf, type InvoiceDetail } from '../../../modules/commerce/index.ts';
import { sendHtml } from '../../../platform/render/render.ts';
import { Document } from '../../ui/Document.tsx';
import type { View } from '../../ui/view.ts';
import { numericParam, routeKit, type WebDeps } from '../../route-kit.ts';
import { InvoiceFacts, InvoiceItemsTable } from './invoice.dialogs.tsx';

const idOf = (req: FastifyRequest) => numericParam((req.params as { id: string }).id);

/** The printable invoice: no desk chrome, print styles hide the rest. */
function InvoicePrintPage({ v, d }: { v: View; d: InvoiceDetail }) {
  const t = v.t.t;
  const title = t('commerce.invoice.heading', { number: d.invoice.number });
  return (
    <Document v={v} title={title} surface="desk">
      <main id="main" class="invoice-print">
        <p class="muted" safe>
          {v.siteName}
        </p>
        <h1 safe>{title}</h1>
        <p>
          <strong safe>{d.invoice.title}</strong>{' '}
          <span class={`badge badge-invoice-${d.invoice.status}`} safe>
            {t(`commerce.invoiceStatus.${d.invoice.status}`)}
          </span>
        </p>
        <InvoiceFacts v={v} d={d} />
        <InvoiceItemsTable v={v} d={d} />
        <p class="no-print button-row">
          <button type="button" class="button button-primary js-only" data-print safe>
            {t('commerce.action.print')}
          </button>
          <a class="button button-plain" href={`/desk/invoices/${d.invoice.id}.pdf`} safe>
            {t('commerce.action.pdf')}
          </a>
        </p>
      </main>
    </Document>
  );
}

/** Print view and PDF download of an invoice (permission `commerce`). */
export async function deskInvoicePrintRoutes(app: FastifyInstance, { deps }: { deps: WebDeps }) {
  const { ctx, view } = routeKit(deps);

  app.get('/desk/invoices/:id/print', async (req, reply) => {
    const d = await inspectInvoice(ctx(req), idOf(req));
    reply.header('cache-control', 'private, no-store');
    return sendHtml(reply, <InvoicePrintPage v={await view(req, reply)} d={d} />);
  });

  app.get('/desk/invoices/:id.pdf', async (req, reply) => {
    const d = await inspectInvoice(ctx(req), idOf(req));
    const site = await deps.settings.get();
    const pdf = await renderInvoicePdf(d, req.t, site.siteName);
    return reply
      .header('content-type', 'application/pdf')
      .header(
        'content-disposition',
        `attachment; filename="invoice-${d.invoice.number.replace(/[^\w.-]/g, '_')}.pdf"`,
      )
      .header('cache-control', 'private, no-store')
      .send(pdf);
  });
}
