import type { FastifyInstance } from 'fastify';

/**
 * Browser features Parley never uses, switched off for its pages and anything they could embed:
 * a payload that slipped through could not reach the camera, location, payment or USB APIs.
 * Only features Chromium recognises are listed (an unknown one logs a console error).
 */
export const PERMISSIONS_POLICY = [
  'accelerometer=()',
  'camera=()',
  'display-capture=()',
  'geolocation=()',
  'gyroscope=()',
  'hid=()',
  'magnetometer=()',
  'microphone=()',
  'midi=()',
  'payment=()',
  'screen-wake-lock=()',
  'serial=()',
  'usb=()',
  'xr-spatial-tracking=()',
].join(', ');

/** The headers @fastify/helmet does not set: the permissions policy, on every answer. */
export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onRequest', async (_req, reply) => {
    reply.header('permissions-policy', PERMISSIONS_POLICY);
  });
}
