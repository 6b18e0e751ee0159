// Reading a JSON file named on the command line (policies), with messages that say what to check.
import { readFileSync } from 'node:fs';
import { UsageError } from './io';

/**
 * The JSON value in `file`; a UsageError naming the file when it cannot be read or parsed.
 *
 * @example
 *   readJsonFile('test/fixtures/staff/crm-policy.json'); // { version: 'crm-demo-1', … }
 */
export function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : String(error);
    throw new UsageError(`cannot read ${file} (${code}); check the path`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new UsageError(`${file} is not JSON; check it with: jq . ${file}`);
  }
}
