import { describe, expect, it } from 'vitest';
import { parseScanArgs } from './args';

describe('parseScanArgs', () => {
  it('takes files and - for stdin', () => {
    expect(parseScanArgs(['a.csv', '-', 'b.json'])).toEqual({
      kind: 'scan',
      files: ['a.csv', '-', 'b.json'],
    });
  });
  it('asks for input when none is given', () => {
    expect(parseScanArgs([])).toMatchObject({ kind: 'error', message: /Name one or more files/ });
  });
  it('rejects unknown options and says how to scan a file named like one', () => {
    expect(parseScanArgs(['--fast'])).toMatchObject({ kind: 'error', message: /put '--' before/ });
    expect(parseScanArgs(['--', '--fast'])).toEqual({ kind: 'scan', files: ['--fast'] });
  });
  it('reads stdin once only', () => {
    expect(parseScanArgs(['-', '-'])).toMatchObject({ kind: 'error', message: /only once/ });
  });
  it('shows help', () => {
    expect(parseScanArgs(['x', '--help'])).toEqual({ kind: 'help' });
  });
});
