import type { Keyset } from './purchase.repo.ts';

/** A page cursor "<epoch ms>.<id>" for lists ordered newest first. */
export function encodeKeyset(at: number, id: number): string {
  return `${at}.${id}`;
}

/** The cursor's position, or undefined for a missing or malformed cursor (the first page). */
export function decodeKeyset(cursor: string | undefined): Keyset | undefined {
  const m = /^(\d{1,15})\.(\d{1,15})$/.exec(cursor ?? '');
  return m ? { at: Number(m[1]), id: Number(m[2]) } : undefined;
}
