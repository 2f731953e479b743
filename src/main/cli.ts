import { parseArgs } from 'node:util';
import { systemCtx } from '../jobs.ts';
import { createApiTokenFor, createUser, findUserByEmailForSystem } from '../modules/accounts/index.ts';
import { openDatabase } from '../platform/db/database.ts';
import { migrateToLatest } from '../platform/db/migrate.ts';
import { AppError } from '../platform/errors.ts';
import { translator } from '../platform/i18n/i18n.ts';
import { configOrExit } from './boot.ts';
import { runWorker } from './worker.ts';
import { commerceImportCommand, demoCommand } from './commerce-commands.ts';
import { seedLarge } from '../tools/seed-large.ts';
import { createInboundToken } from '../modules/inbound/index.ts';

const USAGE = `Usage: npm run parley -- <command> [options]

Commands:
  migrate                                   bring the database schema up to date
  user:create --email E --password P --name N [--role customer|staff|admin]
  token:create --email E --scope read|write|admin [--name LABEL]
                                            print a new API token for that account
  inbound:token [--name LABEL]              print a new token for POST /api/v1/inbound/email
  worker                                    run background jobs in this process
  seed:large --tickets N [--messages M]     generate load-test data (M messages per ticket, default 5)
  commerce:import FILE.csv --kind purchases|invoices
                                            import or update commerce records by external id
  demo                                      fill an empty install with demo data and print logins
`;

function fail(message: string): never {
  process.stderr.write(`parley: ${message}\n`);
  process.exit(1);
}

function describe(err: unknown): string {
  if (!(err instanceof AppError)) return err instanceof Error ? err.message : String(err);
  const t = translator('en');
  const fields = Object.entries(err.fields).map(([f, key]) => `${f}: ${t.t(key)}`);
  return fields.length ? fields.join('; ') : t.t(`error.${err.code}`);
}

const [command, ...rest] = process.argv.slice(2);
const config = configOrExit();

if (command === 'worker') {
  await runWorker(config);
} else {
  const database = openDatabase(config.databaseUrl);
  const ctx = systemCtx({ config, database, now: Date.now }, 'cli');
  try {
    const applied = await migrateToLatest(database.db);
    switch (command) {
      case 'seed:large': {
        const { values } = parseArgs({
          args: rest,
          options: { tickets: { type: 'string' }, messages: { type: 'string', default: '5' } },
        });
        const tickets = Number(values.tickets);
        if (!Number.isSafeInteger(tickets) || tickets <= 0)
          fail('seed:large needs --tickets N (a positive number)');
        const started = Date.now();
        const result = await seedLarge(database, {
          tickets,
          messages: Number(values.messages) || 5,
          progress: (done, total) => {
            const width = 30;
            const filled = Math.round((done / total) * width);
            const rate = Math.round(done / ((Date.now() - started) / 1000 || 1));
            process.stderr.write(
              `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} tickets, ${rate}/s   `,
            );
          },
        });
        process.stderr.write('\n');
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        process.stdout.write(
          `Created ${result.tickets} tickets with ${result.messages} messages, ${result.staff} staff and ${result.customers} customers in ${seconds} s.\n`,
        );
        break;
      }
      case 'commerce:import':
        process.exitCode = await commerceImportCommand(ctx, rest);
        break;
      case 'demo':
        process.exitCode = await demoCommand(ctx);
        break;
      case 'migrate':
        process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'Schema is up to date.\n');
        break;
      case 'user:create': {
        const { values } = parseArgs({
          args: rest,
          options: {
            email: { type: 'string' },
            password: { type: 'string' },
            name: { type: 'string' },
            role: { type: 'string', default: 'customer' },
          },
        });
        if (!values.email || !values.password || !values.name)
          fail('user:create needs --email, --password and --name');
        const user = await createUser(ctx, {
          email: values.email,
          password: values.password,
          displayName: values.name,
          role: values.role ?? 'customer',
        });
        process.stdout.write(`Created ${user.role} ${user.email} (id ${user.id}).\n`);
        break;
      }
      case 'inbound:token': {
        const { values } = parseArgs({
          args: rest,
          options: { name: { type: 'string', default: 'CLI token' } },
        });
        process.stdout.write(`${await createInboundToken(ctx, values.name ?? 'CLI token')}\n`);
        break;
      }
      case 'token:create': {
        const { values } = parseArgs({
          args: rest,
          options: {
            email: { type: 'string' },
            scope: { type: 'string' },
            name: { type: 'string', default: 'CLI token' },
          },
        });
        if (!values.email || !values.scope) fail('token:create needs --email and --scope');
        const user = await findUserByEmailForSystem(ctx, values.email);
        process.stdout.write(
          `${await createApiTokenFor(ctx, user, values.name ?? 'CLI token', values.scope)}\n`,
        );
        break;
      }
      default:
        process.stdout.write(USAGE);
        if (command && command !== 'help' && command !== '--help') process.exitCode = 2;
    }
  } catch (err) {
    process.exitCode = 1;
    process.stderr.write(`parley: ${describe(err)}\n`);
  } finally {
    await database.destroy();
  }
}
