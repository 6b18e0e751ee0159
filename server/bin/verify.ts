// `npm run verify -- --db FILE`, `-- --export FILE --key KEY [--last-checkpoint FILE]` or
// `-- --receipt FILE [--key KEY]`: only wiring; the verifier lives in server/ledger/verify-cli.ts.
import { runVerify } from '../ledger/verify-cli';

runVerify(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`verify: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
