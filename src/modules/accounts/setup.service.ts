import type { Ctx } from '../../platform/context.ts';
import { tx } from '../../platform/db/tx.ts';
import { AppError, assertValid, type FieldErrors } from '../../platform/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { hashPassword } from './password.ts';
import { issueUserToken, findUsableToken, spendToken } from './user-token.service.ts';
import { countActiveAdmins, findUserByEmail, insertUser, type User } from './user.repo.ts';
import { markTokensUsedByPurpose } from './user-token.repo.ts';
import { checkDisplayName, checkEmail, checkPassword, normaliseEmail } from './user.validation.ts';

/** True while no admin account exists: the first-run state. */
export async function needsSetup(ctx: Ctx): Promise<boolean> {
  return (await countActiveAdmins(ctx.db)) === 0;
}

/** While no admin exists, issues a one-time setup token for the start-up log; otherwise undefined. */
export async function issueSetupTokenIfNeeded(ctx: Ctx): Promise<string | undefined> {
  if (!(await needsSetup(ctx))) return undefined;
  return issueUserToken(ctx, 'setup', null);
}

/** Throws unless the token is a live setup token and setup is still open. */
export async function checkSetupToken(ctx: Ctx, rawToken: string): Promise<void> {
  if (!(await needsSetup(ctx))) throw new AppError('SETUP_DONE');
  await findUsableToken(ctx, 'setup', rawToken);
}

export interface SetupInput {
  token: string;
  displayName: string;
  email: string;
  password: string;
}

/** Creates the first admin from the setup link; spends every outstanding setup token. */
export async function completeSetup(ctx: Ctx, input: SetupInput): Promise<User> {
  const errors: FieldErrors = {};
  checkDisplayName(errors, 'displayName', input.displayName);
  checkEmail(errors, 'email', input.email);
  checkPassword(errors, 'password', input.password);
  await checkSetupToken(ctx, input.token);
  assertValid(errors);
  const passwordHash = await hashPassword(input.password);
  return tx(ctx.db, async (trx) => {
    const inner = { ...ctx, db: trx };
    if (!(await needsSetup(inner))) throw new AppError('SETUP_DONE');
    await spendToken(inner, 'setup', input.token);
    const email = normaliseEmail(input.email);
    if (await findUserByEmail(trx, email))
      throw new AppError('VALIDATION', { email: 'error.field.emailTaken' });
    const admin = await insertUser(trx, {
      email,
      display_name: input.displayName.trim(),
      password_hash: passwordHash,
      role: 'admin',
      permissions: '',
      locale: ctx.locale,
      email_verified_at: ctx.now(),
      created_at: ctx.now(),
      updated_at: ctx.now(),
    });
    await markTokensUsedByPurpose(trx, 'setup', null, ctx.now());
    await recordAudit(
      { ...inner, actor: { kind: 'user', id: admin.id } as Ctx['actor'] },
      { action: 'setup.complete', targetType: 'user', targetId: admin.id, data: { email } },
    );
    return admin;
  });
}
