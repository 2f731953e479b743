import type { FastifyMultipartBaseOptions } from '@fastify/multipart';
import type { Config } from '../../config/config.ts';

/**
 * Busboy's own limits sit one step above Parley's, so the upload meter (which knows which file
 * and which limit) refuses first with a clear message; busboy's limits are the backstop that keeps
 * a hostile body from growing without end.
 */
export function multipartOptions(config: Config): FastifyMultipartBaseOptions {
  return {
    limits: {
      fileSize: config.uploadMaxFileBytes + 1,
      files: config.uploadMaxFiles + 1,
      fields: 200,
      fieldSize: config.bodyLimit,
      parts: config.uploadMaxFiles + 201,
      headerPairs: 100,
    },
  };
}
