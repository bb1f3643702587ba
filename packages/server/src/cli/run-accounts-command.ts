import { resolve } from 'node:path';
import pino from 'pino';
import { loadConfig, ConfigError, type Config } from '../config/index.js';
import { closeAll, openStore, usesEmbeddedStore } from '../app/adapters.js';
import { lockDataDir } from '../app/data-dir-lock.js';
import { Accounts, type ProjectRole } from '../accounts/index.js';
import { readPassword } from './read-password.js';
import { resolveProjectKey } from '../accounts/project-file.js';

export const ACCOUNTS_USAGE = `Usage:
  gosight users add --email <e-mail> [--name <name>] [--admin] [--project <id> [--role viewer|admin]]
  gosight users list
  gosight users passwd --email <e-mail>
  gosight users remove --email <e-mail>
  gosight tokens create --email <owner> --project <id>[,<id>...] [--name <name>]
  gosight tokens create --email <server admin> --server [--name <name>]   Server-wide: every project, dead letters, users.
  gosight tokens list [--email <owner>]
  gosight tokens revoke <token id>
  gosight projects list
  gosight projects create <id> [--name <name>]
  gosight projects rotate-key <id>             Adds a new ingest key; the old ones work until revoked.
  gosight projects revoke-key <id> <key>
  gosight projects member <id> --email <e-mail> --role viewer|admin | --remove

Users log in to the dashboard; --admin makes a server admin (every project, users, new
projects). Passwords come from GOSIGHT_PASSWORD, else are asked for. API tokens are for
scripts: "Authorization: Bearer <token>", limited to the projects given (or, for a server
admin, --server: everything, e.g. for gosight dead-letters --url); shown once.

These commands open the store directly: the embedded data directory (stop the server
first, or use the dashboard) or --clickhouse-url (any time). Settings as for gosight start.`;

interface Options { action: string; args: string[]; flags: Map<string, string>; settings: string[] }

const VALUE_FLAGS = new Set(['email', 'name', 'project', 'role']);
const BOOLEAN_FLAGS = new Set(['admin', 'remove', 'server']);

/** `gosight users|tokens|projects <action>`, on the account store directly; every change goes to the audit log as `cli`. */
export async function runAccountsCommand(command: 'users' | 'tokens' | 'projects', argv: string[]): Promise<number> {
  const opts = parseOptions(argv);
  const config = loadConfig({ argv: opts.settings, env: process.env });
  const logger = pino({ level: config.logLevel === 'info' ? 'warn' : config.logLevel });
  const opened: { close(): Promise<void> }[] = [];
  try {
    if (usesEmbeddedStore(config)) {
      const lock = await lockDataDir(resolve(config.dataDir), () => ({ pid: process.pid, command, startedAt: new Date().toISOString() }))
        .catch((err: unknown) => {
          throw new ConfigError(`${(err as Error).message}\nA running server holds the embedded store: stop it first, or manage accounts in its dashboard.`);
        });
      opened.push({ close: () => lock.release() });
    }
    const store = await openStore(config);
    opened.push(store);
    const accounts = new Accounts(store.value.accounts, 0);
    return await act(command, accounts, opts, config);
  } finally {
    await closeAll(opened, logger);
  }
}

async function act(command: string, accounts: Accounts, opts: Options, config: Readonly<Config>): Promise<number> {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const flag = (name: string): string => {
    const value = opts.flags.get(name);
    if (value === undefined) throw new ConfigError(`${command} ${opts.action} needs --${name}\n\n${ACCOUNTS_USAGE}`);
    return value;
  };
  const audit = (action: string, projectId: string, target: string, detail = '') =>
    accounts.audit({ actor: 'cli', action, projectId, target, detail });
  const user = async () => {
    const found = await accounts.users.findByEmail(flag('email'));
    if (!found) throw new ConfigError(`no user ${flag('email')}`);
    return found;
  };
  const role = (): ProjectRole => {
    const r = opts.flags.get('role') ?? 'viewer';
    if (r !== 'viewer' && r !== 'admin') throw new ConfigError('--role is viewer or admin');
    return r;
  };
  // The default project is made on first start; make it here too (with the key start would use), so a first user can join it.
  const configured = resolveProjectKey(resolve(config.dataDir), config.projectId, config.projectKey);
  await accounts.ensureProject(config.projectId, configured.projectKey, configured.source === 'setting');

  switch (`${command} ${opts.action}`) {
    case 'users add': {
      const password = await readPassword(`Password for ${flag('email')}: `);
      const added = await accounts.users.add({ email: flag('email'), name: opts.flags.get('name'), password, serverAdmin: opts.flags.has('admin') });
      await audit('user.add', '', added.email, added.serverAdmin ? 'server admin' : '');
      out(`User ${added.email} added${added.serverAdmin ? ' (server admin: every project)' : ''}.`);
      const project = opts.flags.get('project');
      if (project) {
        await accounts.projects.setMember(project, added.id, role());
        await audit('member.set', project, added.email, role());
        out(`Member of project ${project} as ${role()}.`);
      }
      return 0;
    }
    case 'users list': {
      const projects = await accounts.projects.list();
      const members = (await Promise.all(projects.map((p) => accounts.projects.members(p.id)))).flat();
      for (const u of await accounts.users.list()) {
        const of = members.filter((m) => m.userId === u.id).map((m) => `${m.projectId}:${m.role}`).join(' ');
        out(`${u.email.padEnd(32)} ${u.serverAdmin ? 'server admin' : of || '(no project)'}`);
      }
      return 0;
    }
    case 'users passwd': {
      const found = await user();
      await accounts.users.setPassword(found, await readPassword(`New password for ${found.email}: `));
      await audit('user.passwd', '', found.email);
      out(`Password of ${found.email} changed.`);
      return 0;
    }
    case 'users remove': {
      const found = await user();
      await accounts.users.remove(found);
      await audit('user.remove', '', found.email);
      out(`User ${found.email} removed, with their memberships and tokens.`);
      return 0;
    }
    case 'tokens create': {
      const owner = await user();
      const serverWide = opts.flags.has('server');
      const projectIds = serverWide ? [] : flag('project').split(',').map((p) => p.trim()).filter(Boolean);
      for (const id of projectIds) await accounts.projects.require(id);
      const { token, record } = await accounts.tokens.create(owner, opts.flags.get('name') ?? 'cli', projectIds, Date.now(), serverWide);
      const scope = serverWide ? 'the whole server' : projectIds.join(', ');
      await audit('token.create', '', record.id, `${record.name} for ${scope} (${owner.email})`);
      out(`Token ${record.id} for ${owner.email} on ${scope} (shown once; send as "Authorization: Bearer <token>"):`);
      out(token);
      return 0;
    }
    case 'tokens list': {
      const users = new Map((await accounts.users.list()).map((u) => [u.id, u.email]));
      const owner = opts.flags.has('email') ? (await user()).id : undefined;
      for (const t of await accounts.tokens.list(owner)) {
        out(`${t.id.padEnd(14)} ${(users.get(t.userId) ?? '?').padEnd(28)} ${t.name.padEnd(20)} ${t.serverWide ? '(server-wide)' : t.projectIds.join(',')}${t.revokedAt ? '  revoked' : ''}`);
      }
      return 0;
    }
    case 'tokens revoke': {
      if (opts.args.length !== 1) throw new ConfigError('tokens revoke takes one token id (gosight tokens list)');
      const revoked = await accounts.tokens.revoke(opts.args[0]);
      await audit('token.revoke', '', revoked.id, revoked.name);
      out(`Token ${revoked.id} revoked.`);
      return 0;
    }
    case 'projects list': {
      for (const p of await accounts.projects.list()) {
        const keys = (await accounts.projects.keys(p.id)).filter((k) => !k.revokedAt).map((k) => k.key);
        out(`${p.id.padEnd(20)} ${p.name.padEnd(24)} keys: ${keys.join(', ')}  origins: ${p.allowedOrigins.join(', ') || 'any'}  retention: ${p.retentionDays ? `${p.retentionDays} days` : 'default'}`);
      }
      return 0;
    }
    case 'projects create': {
      const id = opts.args[0] ?? flag('project');
      const { project, key } = await accounts.projects.create(id, opts.flags.get('name'));
      await audit('project.create', project.id, project.id);
      out(`Project ${project.id} created; ingest key ${key.key}`);
      return 0;
    }
    case 'projects rotate-key': {
      const id = opts.args[0] ?? flag('project');
      const key = await accounts.projects.addKey((await accounts.projects.require(id)).id);
      await audit('key.add', id, key.key);
      out(`New ingest key of ${id}: ${key.key}\nPut it in your pages' snippet, then revoke the old one: gosight projects revoke-key ${id} <old key>`);
      return 0;
    }
    case 'projects revoke-key': {
      const [id, key] = opts.args;
      if (!id || !key) throw new ConfigError('projects revoke-key takes a project id and a key');
      await accounts.projects.revokeKey(id, key);
      await audit('key.revoke', id, key);
      out(`Key ${key} of ${id} revoked: batches sent with it are refused (401).`);
      return 0;
    }
    case 'projects member': {
      const id = opts.args[0] ?? flag('project');
      const member = await user();
      if (opts.flags.has('remove')) {
        await accounts.projects.removeMember(id, member.id);
        await audit('member.remove', id, member.email);
        out(`${member.email} is no longer a member of ${id}.`);
      } else {
        await accounts.projects.setMember(id, member.id, role());
        await audit('member.set', id, member.email, role());
        out(`${member.email} is a ${role()} of ${id}.`);
      }
      return 0;
    }
    default:
      throw new ConfigError(`unknown action "${command} ${opts.action}"\n\n${ACCOUNTS_USAGE}`);
  }
}

function parseOptions(argv: string[]): Options {
  const opts: Options = { action: '', args: [], flags: new Map(), settings: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      if (opts.action) opts.args.push(arg);
      else opts.action = arg;
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (BOOLEAN_FLAGS.has(name)) opts.flags.set(name, 'true');
    else if (VALUE_FLAGS.has(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new ConfigError(`--${name} needs a value`);
      opts.flags.set(name, value);
    } else {
      opts.settings.push(arg);
      if (inline === undefined && argv[i + 1] !== undefined && !argv[i + 1].startsWith('--')) opts.settings.push(argv[++i]);
    }
  }
  if (!opts.action) throw new ConfigError(ACCOUNTS_USAGE);
  return opts;
}
