import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { getMe } from '../../modules/accounts/index.ts';
import { ctxOf } from '../../platform/http/request-context.ts';
import type { WebDeps } from '../../web/route-kit.ts';
import { presentMe } from './me.present.ts';
import { errorResponses } from './schemas.ts';

export const MeSchema = Type.Object({
  id: Type.Integer(),
  email: Type.String(),
  displayName: Type.String(),
  role: Type.Union([Type.Literal('customer'), Type.Literal('staff'), Type.Literal('admin')]),
  permissions: Type.Array(Type.String()),
  locale: Type.Union([Type.String(), Type.Null()]),
  tokenScope: Type.Union([Type.String(), Type.Null()]),
});

export async function meRoutes(app: FastifyInstance, { deps }: { deps: WebDeps }) {
  app.withTypeProvider<TypeBoxTypeProvider>().get(
    '/me',
    {
      schema: {
        summary: 'The account behind the token',
        tags: ['accounts'],
        security: [{ bearer: [] }],
        response: { 200: MeSchema, ...errorResponses },
      },
    },
    async (req) => presentMe(await getMe(ctxOf(req, deps)), req.actor),
  );
}
