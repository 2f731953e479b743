import type { Generated } from 'kysely';
import type { Millis } from '../../platform/db/types.ts';

export interface AttachmentsTable {
  /** 128 random bits, base64url: the download URL's only secret for guest tickets. */
  id: string;
  /** "u:<user id>" or "g:<sha256 of the guest's uploader cookie>". */
  owner_key: string;
  message_id: number | null;
  ticket_id: number | null;
  name: string;
  size: number;
  content_type: string;
  sha256: string;
  storage_key: string;
  thumb_key: string | null;
  created_at: Millis;
  claimed_at: Millis | null;
  /** Order among the message's files, as the author listed them. */
  position: Generated<number>;
}

declare module '../../platform/db/types.ts' {
  interface DB {
    attachments: AttachmentsTable;
  }
}
