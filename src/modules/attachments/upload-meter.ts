import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { AppError } from '../../platform/errors.ts';
import { EXECUTABLE, SNIFF_BYTES, sniffType } from '../../platform/storage/file-types.ts';

export interface MeterLimits {
  maxFileBytes: number;
  /** Bytes this file may still use of the message's budget. */
  remainingBytes: number;
  allowedTypes: ReadonlySet<string>;
}

const tooLarge = (field: string) => new AppError('PAYLOAD_TOO_LARGE', { files: field });

/**
 * Sits between an upload and storage: holds back the first bytes until it knows the file's type
 * (refusing types that are not allowed before anything is stored), hashes everything with SHA-256,
 * and fails the stream the moment a size limit is passed. The first failure is kept in `failure`,
 * since a storage backend may report its own clean-up error instead.
 */
export class UploadMeter extends Transform {
  bytes = 0;
  type: string | undefined;
  failure: AppError | undefined;
  private readonly hash = createHash('sha256');
  private head: Buffer[] = [];
  private headBytes = 0;

  constructor(
    private readonly name: string,
    private readonly limits: MeterLimits,
  ) {
    super();
  }

  get sha256(): string {
    return this.hash.copy().digest('hex');
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.limits.maxFileBytes)
      return done(this.fail(tooLarge('attachments.error.fileTooLarge')));
    if (this.bytes > this.limits.remainingBytes)
      return done(this.fail(tooLarge('attachments.error.messageTooLarge')));
    this.hash.update(chunk);
    if (this.type) return done(null, chunk);
    this.head.push(chunk);
    this.headBytes += chunk.length;
    if (this.headBytes < SNIFF_BYTES) return done();
    done(this.decide(false));
  }

  override _flush(done: TransformCallback): void {
    if (this.bytes === 0)
      return done(this.fail(new AppError('VALIDATION', { files: 'attachments.error.empty' })));
    done(this.type ? null : this.decide(true));
  }

  /** Sniffs the held-back head; on success pushes it on and lets the rest flow. */
  private decide(complete: boolean): AppError | null {
    const head = Buffer.concat(this.head);
    this.head = [];
    const type = sniffType(head, this.name, complete);
    if (!this.limits.allowedTypes.has(type)) {
      const key = type === EXECUTABLE ? 'attachments.error.executable' : 'attachments.error.type';
      return this.fail(new AppError('UNSUPPORTED_MEDIA_TYPE', { files: key }));
    }
    this.type = type;
    this.push(head);
    return null;
  }

  private fail(err: AppError): AppError {
    this.failure ??= err;
    return err;
  }
}
