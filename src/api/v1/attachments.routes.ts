import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { openAttachment } from '../../modules/attachments/index.ts';
import { ctxOf } from '../../platform/http/request-context.ts';
import { sendFile } from '../../web/attachments/attachments.routes.ts';
import type { WebDeps } from '../../web/route-kit.ts';

/** File downloads for API clients: the same visibility as on the web (internal-note files for staff only). */
export async function attachmentApiRoutes(app: FastifyInstance, { deps }: { deps: WebDeps }) {
  app.get(
    '/attachments/:id',
    {
      schema: {
        summary: 'Download an attachment',
        tags: ['attachments'],
        security: [{ bearer: [] }],
        params: Type.Object({ id: Type.String() }),
      },
    },
    async (req, reply) => {
      const { id } = req.params as { id: string };
      return sendFile(req, reply, await openAttachment(ctxOf(req, deps), deps.storage, id));
    },
  );
}
