// `npm run staff`: the operator's commands for access governance, run on the server. Operators
// (the credentials of the admin API and of the review console) are created only here; the other
// commands do what the admin API does, recorded in the ledger as operator `cli`. Exit 0 done,
// 1 refused, 2 usage error.
import { readJsonFile, UsageError, type CliIo } from '../cli';
import { activeGrants } from '../../shared/access';
import type { Outcome } from '../consent/problems';
import { CLI_OPERATOR } from './config';
import type { GovernanceService } from './service';

export type { CliIo } from '../cli';

export const STAFF_USAGE = [
  'usage: npm run staff -- operator add NAME --role admin|reviewer|auditor',
  '       npm run staff -- operator password NAME',
  '       npm run staff -- operator totp NAME',
  '       npm run staff -- create STAFF_ID NAME',
  '       npm run staff -- enrollment STAFF_ID',
  '       npm run staff -- totp-reset STAFF_ID',
  '       npm run staff -- grant STAFF_ID ROLE --until ISO_TIME --note TEXT',
  '       npm run staff -- revoke GRANT_ID --note TEXT',
  '       npm run staff -- policy publish FILE',
  '       npm run staff -- reviews [--status open|approved|rejected]',
  '       npm run staff -- decide CASE_ID approve|reject --comment TEXT',
  '       npm run staff -- list',
  '  operator add  creates an operator: the admin API token, the review console password and',
  '                the authenticator secret (otpauth URI) are printed once',
  '  operator password | totp  a new console password or authenticator secret for an operator',
  '                (their console sessions end; a locked-out name can sign in again)',
  '  create        adds a staff member and prints their one-time enrollment code (valid 7 days)',
  '  enrollment    prints a new enrollment code; older unused ones stop working',
  "  totp-reset    withdraws a staff member's authenticator (lost phone); their next enrollment",
  '                registers a new one',
  '  grant         gives a role of the published policy until a time, e.g.',
  '                --until 2026-12-31T23:59:59+08:00 --note "Project Aurora"',
  '  revoke        withdraws a grant now (grant ids: npm run staff -- list)',
  '  policy publish  signs and publishes the staff policy the extensions enforce',
  '  reviews       lists review cases, newest first; decide closes one with a comment',
  'Every change is a ledger entry by operator "cli". Run beside a running server: it re-reads',
  'the ledger at its next write.',
].join('\n');

/** Positional arguments and `--name value` options; only `allowed` names, each at most once. */
function parseArgs(
  args: readonly string[],
  allowed: readonly string[],
): { positional: string[]; options: Map<string, string> } {
  const positional: string[] = [];
  const options = new Map<string, string>();
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const name = arg.slice(2);
    const value = args[i + 1];
    if (!allowed.includes(name)) throw new UsageError(`unknown option ${arg}`);
    if (value === undefined || value.startsWith('--')) {
      throw new UsageError(`${arg} needs a value`);
    }
    if (options.has(name)) throw new UsageError(`${arg} is given twice`);
    options.set(name, value);
    i += 1;
  }
  return { positional, options };
}

/** The options named, each required. */
function required(options: Map<string, string>, ...names: string[]): string[] {
  return names.map((name) => {
    const value = options.get(name);
    if (value === undefined) throw new UsageError(`--${name} is required`);
    return value;
  });
}

/** An authenticator secret as an operator adds it to their app: the URI for a QR code, or typed. */
function printTotp(io: CliIo, totp: { secret: string; uri: string }): void {
  io.out(`authenticator (otpauth URI, e.g. for a QR code): ${totp.uri}`);
  io.out(`authenticator secret (to type into the app): ${totp.secret}`);
  io.out(
    'Sign in to the review console at /admin with the name, password and a code from the app.',
  );
}

/**
 * Runs one command on an opened service; returns the exit status.
 *
 * @example
 *   runStaffCli(['create', 'CS-0420', '王芳'], io, governance); // 0, prints the enrollment code
 */
export function runStaffCli(
  argv: readonly string[],
  io: CliIo,
  governance: GovernanceService,
): number {
  const [command, ...rest] = argv;
  /** Prints the value with `show`, or the refusal; the exit status. */
  const report = <T>(outcome: Outcome<T>, show: (value: T) => void): number => {
    if (!outcome.ok) {
      io.err(`staff: ${outcome.message}`);
      return 1;
    }
    show(outcome.value);
    return 0;
  };
  try {
    switch (command) {
      case 'operator': {
        const { positional, options } = parseArgs(rest, ['role']);
        const [sub, name, ...extra] = positional;
        if (!name || extra.length > 0) {
          throw new UsageError('operator add | password | totp needs NAME');
        }
        if (sub === 'add') {
          const [role] = required(options, 'role');
          return report(governance.addOperator(name, role!), (op) => {
            io.out(`operator ${op.name} (${op.role}) created; its credentials, shown only now:`);
            io.out(op.token);
            io.out(
              '  the admin API token: send it as "Authorization: Bearer <token>" to /v1/admin/*',
            );
            io.out(`console password: ${op.password}`);
            printTotp(io, op.totp);
          });
        }
        if (options.size > 0) throw new UsageError(`operator ${sub} takes no options`);
        if (sub === 'password') {
          return report(governance.resetOperatorPassword(name), ({ password }) => {
            io.out(
              `operator ${name}: new console password, shown only now (their sessions ended):`,
            );
            io.out(`console password: ${password}`);
          });
        }
        if (sub === 'totp') {
          return report(governance.resetOperatorTotp(name), (totp) => {
            io.out(`operator ${name}: new authenticator secret (the old one no longer works):`);
            printTotp(io, totp);
          });
        }
        throw new UsageError('operator needs add, password or totp');
      }
      case 'totp-reset': {
        const { positional } = parseArgs(rest, []);
        if (positional.length !== 1) throw new UsageError('totp-reset needs STAFF_ID');
        return report(governance.resetStaffTotp(CLI_OPERATOR, positional[0]!), (r) => {
          io.out(
            `${r.staffId}: authenticator ${r.wasActive ? 'withdrawn' : 'was not registered; pending secrets voided'}. ` +
              `Give them a new enrollment code (npm run staff -- enrollment ${r.staffId}) to register a new one.`,
          );
        });
      }
      case 'create': {
        const { positional } = parseArgs(rest, []);
        const [staffId, ...name] = positional;
        if (!staffId || name.length === 0) throw new UsageError('create needs STAFF_ID and NAME');
        return report(
          governance.createStaff(CLI_OPERATOR, { staffId, name: name.join(' ') }),
          ({ staff, enrollment }) => {
            io.out(`staff member ${staff.staffId} (${staff.name}) created`);
            io.out(`enrollment code: ${enrollment.code} (valid until ${enrollment.expiresAt})`);
          },
        );
      }
      case 'enrollment': {
        const { positional } = parseArgs(rest, []);
        if (positional.length !== 1) throw new UsageError('enrollment needs STAFF_ID');
        return report(governance.issueEnrollment(CLI_OPERATOR, positional[0]!), (issued) => {
          io.out(`enrollment code: ${issued.code} (valid until ${issued.expiresAt})`);
        });
      }
      case 'grant': {
        const { positional, options } = parseArgs(rest, ['until', 'note']);
        const [staffId, role, ...extra] = positional;
        if (!staffId || !role || extra.length > 0) {
          throw new UsageError('grant needs STAFF_ID, ROLE, --until and --note');
        }
        const [expiresAt, note] = required(options, 'until', 'note');
        return report(
          governance.createGrant(CLI_OPERATOR, staffId, { role, expiresAt, note }),
          (g) => io.out(`grant ${g.grantId}: ${g.staffId} is ${g.role} until ${g.expiresAt}`),
        );
      }
      case 'revoke': {
        const { positional, options } = parseArgs(rest, ['note']);
        if (positional.length !== 1) throw new UsageError('revoke needs GRANT_ID and --note');
        const [note] = required(options, 'note');
        return report(governance.revokeGrant(CLI_OPERATOR, positional[0]!, { note }), (g) =>
          io.out(`grant ${g.grantId} (${g.staffId}, ${g.role}) revoked at ${g.revokedAt}`),
        );
      }
      case 'policy': {
        const { positional } = parseArgs(rest, []);
        const [sub, file, ...extra] = positional;
        if (sub !== 'publish' || !file || extra.length > 0) {
          throw new UsageError('policy publish needs FILE');
        }
        return report(governance.publishPolicy(CLI_OPERATOR, readJsonFile(file)), (signed) =>
          io.out(`staff policy ${signed.version} published (signed by ${governance.publicKey})`),
        );
      }
      case 'reviews': {
        const { positional, options } = parseArgs(rest, ['status']);
        if (positional.length > 0) throw new UsageError('reviews takes only --status');
        return report(governance.reviews(options.get('status')), (cases) => {
          if (cases.length === 0) io.out('no review cases');
          for (const c of cases) {
            const rules = c.fired.map((f) => f.rule).join(', ');
            const decided = c.decidedAt ? ` by ${c.decidedBy} at ${c.decidedAt}` : '';
            io.out(
              `${c.caseId}\t${c.status}${decided}\t${c.staffId}\topened ${c.openedAt}\t${rules}`,
            );
          }
        });
      }
      case 'decide': {
        const { positional, options } = parseArgs(rest, ['comment']);
        const [caseId, decision, ...extra] = positional;
        if (!caseId || (decision !== 'approve' && decision !== 'reject') || extra.length > 0) {
          throw new UsageError('decide needs CASE_ID, approve or reject, and --comment');
        }
        const [comment] = required(options, 'comment');
        return report(governance.decideReview(CLI_OPERATOR, caseId, { decision, comment }), (c) =>
          io.out(`case ${c.caseId} (${c.staffId}) ${c.status}`),
        );
      }
      case 'list': {
        if (rest.length > 0) throw new UsageError('list takes no arguments');
        const staff = governance.listStaff();
        if (staff.length === 0)
          io.out('no staff members yet: npm run staff -- create STAFF_ID NAME');
        for (const member of staff) {
          const detail = governance.staffDetail(member.staffId);
          const grants = detail.ok ? activeGrants(detail.value.grants, governance.now()) : [];
          io.out(
            `${member.staffId}\t${member.name}\t${member.enrolledAt ? `enrolled ${member.enrolledAt}` : 'not enrolled'}\t` +
              `authenticator ${member.totpActive ? 'registered' : 'not registered'}`,
          );
          for (const g of grants) {
            io.out(`  grant ${g.grantId}\t${g.role} until ${g.expiresAt}\t${g.note}`);
          }
        }
        return 0;
      }
      default:
        throw new UsageError(command ? `unknown command ${command}` : 'give a command');
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`staff: ${error.message}\n${STAFF_USAGE}`);
    return 2;
  }
}
