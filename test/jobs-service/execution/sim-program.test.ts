/** Parsing sim programs: every step kind, and every problem with its line. */
import { describe, expect, it } from 'vitest';
import { checkSimProgram, parseSimProgram, SimProgramError } from '../../../jobs-service/execution/index.js';

describe('parseSimProgram', () => {
  it('reads each kind of step with its line, skipping blank lines and comments', () => {
    const program = ['# a demo', 'SLEEP 250', '', 'LOG  hello,   world ', 'COMPUTE 1000', 'HTTP_CALL http://127.0.0.1:8080/ping?x=1', 'FAIL transient the service is busy', 'FAIL permanent'].join('\n');
    expect(parseSimProgram(program)).toEqual([
      { kind: 'SLEEP', line: 2, ms: 250 },
      { kind: 'LOG', line: 4, message: 'hello,   world' },
      { kind: 'COMPUTE', line: 5, iterations: 1000 },
      { kind: 'HTTP_CALL', line: 6, url: 'http://127.0.0.1:8080/ping?x=1' },
      { kind: 'FAIL', line: 7, transient: true, reason: 'the service is busy' },
      { kind: 'FAIL', line: 8, transient: false, reason: undefined },
    ]);
  });

  it('takes keywords in any case and Windows line ends', () => {
    expect(parseSimProgram('sleep 0\r\nLog x\r\nfail Transient')).toEqual([
      { kind: 'SLEEP', line: 1, ms: 0 },
      { kind: 'LOG', line: 2, message: 'x' },
      { kind: 'FAIL', line: 3, transient: true, reason: undefined },
    ]);
  });

  it('reports every problem with its line number', () => {
    const program = ['LOG fine', 'SLEPP 10', 'SLEEP -5', 'COMPUTE 0', 'HTTP_CALL ftp://example.org/x', 'HTTP_CALL not a url', 'FAIL maybe', 'SLEEP 1.5', 'HTTP_CALL /relative'].join('\n');
    expect(checkSimProgram(program).problems).toEqual([
      { line: 2, message: "'SLEPP' is not a step; the steps are SLEEP, LOG, COMPUTE, HTTP_CALL and FAIL. Did you mean 'SLEEP'?" },
      { line: 3, message: "SLEEP needs whole milliseconds from 0 to 86400000, not '-5': SLEEP ms, e.g. SLEEP 500" },
      { line: 4, message: "COMPUTE needs a whole number of iterations from 1 to 1000000000, not '0': COMPUTE iterations, e.g. COMPUTE 100000" },
      { line: 5, message: 'HTTP_CALL calls http or https URLs, not ftp:' },
      { line: 6, message: "HTTP_CALL takes one URL (encode spaces as %20), not 'not a url': HTTP_CALL url, e.g. HTTP_CALL https://example.org/health" },
      { line: 7, message: "FAIL needs transient or permanent, not 'maybe': FAIL transient|permanent [reason], e.g. FAIL transient the service is busy" },
      { line: 8, message: "SLEEP needs whole milliseconds from 0 to 86400000, not '1.5': SLEEP ms, e.g. SLEEP 500" },
      { line: 9, message: "'/relative' is not an absolute URL: HTTP_CALL url, e.g. HTTP_CALL https://example.org/health" },
    ]);
  });

  it('throws one error with every problem, coded', () => {
    const parse = (): unknown => parseSimProgram('LOG ok\nPRINT 5\nCOMPUTE lots');
    expect(parse).toThrow(SimProgramError);
    expect(parse).toThrow(
      "the sim program has 2 problems: line 2: 'PRINT' is not a step; the steps are SLEEP, LOG, COMPUTE, HTTP_CALL and FAIL.; line 3: COMPUTE needs a whole number of iterations from 1 to 1000000000, not 'lots': COMPUTE iterations, e.g. COMPUTE 100000",
    );
    expect(parse).toThrow(expect.objectContaining({ code: 'JOBFLOOR_EXECUTION_SIM_PROGRAM_INVALID', problems: [expect.objectContaining({ line: 2 }), expect.objectContaining({ line: 3 })] }));
  });

  it('refuses a program without steps', () => {
    expect(checkSimProgram('\n# only a comment\n').problems).toEqual([{ line: 1, message: 'the program has no steps; write one step per line, e.g. LOG starting' }]);
  });
});
