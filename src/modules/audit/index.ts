export { listAuditTrail, recordAudit, type AuditInput } from './audit.service.ts';
