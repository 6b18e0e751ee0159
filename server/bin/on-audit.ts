// What every command that works on the service's stores does around its work: open them in the
// data directory, run, report an unexpected failure as one line, close them. Exit 1 when the
// stores cannot be opened or the work throws; otherwise the work's own exit status.
import type { CliIo } from '../cli';
import { openAudit, type Audit } from './open-audit';

const io: CliIo = { out: (line) => console.log(line), err: (line) => console.error(line) };

const say = (error: unknown) =>
  console.error(`custodian: ${error instanceof Error ? error.message : String(error)}`);

/**
 * Runs `work` on the opened stores and sets the process's exit status.
 *
 * @example
 *   onAudit((io, audit) => runStaffCli(process.argv.slice(2), io, audit.governance));
 */
export function onAudit(work: (io: CliIo, audit: Audit) => number): void {
  let audit: Audit;
  try {
    audit = openAudit(process.env);
  } catch (error) {
    say(error);
    process.exit(1);
  }
  try {
    process.exitCode = work(io, audit);
  } catch (error) {
    say(error);
    process.exitCode = 1;
  } finally {
    audit.close();
  }
}
