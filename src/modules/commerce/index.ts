export {
  INVOICE_STATUSES,
  PURCHASE_STATES,
  TRANSACTION_STATUSES,
  type CommerceEvent,
  type Invoice,
  type InvoiceItem,
  type InvoiceStatus,
  type Product,
  type Purchase,
  type PurchaseState,
  type Transaction,
} from './commerce.schema.ts';
export { customerRefOf, formatCustomerRef, parseCustomerRef, type CustomerRef } from './customer-ref.ts';
export { resolveCustomer, type Customer } from './customer.service.ts';
export {
  effectivePurchaseState,
  invoiceAbilities,
  mayCommerce,
  purchaseAbilities,
  type InvoiceAbilities,
  type PurchaseAbilities,
} from './commerce.policy.ts';
export { currencyDigits, isCurrency, minorToMajorText, parseMajorAmount } from './money.ts';
export {
  localProvider,
  useCommerceProvider,
  type CommerceProvider,
  type ProviderReceipt,
  type RefundRequest,
} from './provider.ts';
export {
  PURCHASE_TABS,
  cancelPurchase,
  inspectPurchase,
  listPurchasesForCustomer,
  reinstatePurchase,
  type ActionResult,
  type PurchaseDetail,
  type PurchaseList,
  type PurchaseRow,
} from './purchase.service.ts';
export {
  inspectInvoice,
  listInvoicesForCustomer,
  type InvoiceDetail,
  type InvoiceList,
} from './invoice-read.service.ts';
export {
  cancelInvoice,
  deleteInvoice,
  markInvoicePaid,
  resendInvoice,
  setInvoiceTracking,
  updateInvoiceNotes,
} from './invoice-actions.service.ts';
export { updateInvoiceDetails, type InvoiceEdit } from './invoice-edit.service.ts';
export { refundInvoice, type RefundInput, type RefundResult } from './refund.service.ts';
export {
  getProduct,
  listProducts,
  saveProduct,
  upsertProduct,
  type ProductInput,
} from './product.service.ts';
export { upsertInvoice, upsertPurchase, type InvoiceInput, type PurchaseInput } from './feed.service.ts';
export { upsertTransaction, type TransactionInput } from './transaction-feed.service.ts';
export { importCommerceCsv, type BadRow, type ImportKind, type ImportSummary } from './import.service.ts';
export { fillDemo, type DemoSummary } from './demo.service.ts';
export { renderInvoicePdf } from './invoice-pdf.ts';
export { ticketNumberOf } from './commerce-action.ts';
