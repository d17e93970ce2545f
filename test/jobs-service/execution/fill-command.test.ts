/** Filling an app's command template with a job's values. */
import { describe, expect, it } from 'vitest';
import { CommandTemplateError, fillCommand } from '../../../jobs-service/execution/index.js';

describe('fillCommand', () => {
  it('replaces each placeholder with its value as text, inside or as a whole argument', () => {
    expect(fillCommand(['/bin/app', '${name}', '--count=${count}', '--fast=${fast}', '${name}-${count}.out'], { name: 'run 1', count: 3, fast: false })).toEqual([
      '/bin/app',
      'run 1',
      '--count=3',
      '--fast=false',
      'run 1-3.out',
    ]);
  });

  it('keeps shell syntax in values as plain text', () => {
    expect(fillCommand(['echo', '${text}'], { text: '$(rm -rf ~); `id` > x' })).toEqual(['echo', '$(rm -rf ~); `id` > x']);
  });

  it('repeats an argument once per item of an array value', () => {
    expect(fillCommand(['app', '${files}', '--in=${files}', '-v'], { files: ['a.txt', 'b c.txt'] })).toEqual(['app', 'a.txt', 'b c.txt', '--in=a.txt', '--in=b c.txt', '-v']);
  });

  it('drops an argument whose array value is empty', () => {
    expect(fillCommand(['app', '--tag=${tags}', 'end'], { tags: [] })).toEqual(['app', 'end']);
  });

  it('mixes an array with scalars in one argument', () => {
    expect(fillCommand(['app', '${prefix}/${files}'], { prefix: 'in', files: ['x', 'y'] })).toEqual(['app', 'in/x', 'in/y']);
  });

  it('names every placeholder without a value, with a suggestion', () => {
    const fill = (): string[] => fillCommand(['app', '${mesage}', '${other}'], { message: 'hi' });
    expect(fill).toThrow(CommandTemplateError);
    expect(fill).toThrow(
      "cannot fill the command: command[1] '${mesage}': ${mesage} has no value; the job gives ${message}. Did you mean 'message'?; command[2] '${other}': ${other} has no value; the job gives ${message}.",
    );
    expect(fill).toThrow(expect.objectContaining({ code: 'JOBFLOOR_EXECUTION_COMMAND_INVALID' }));
  });

  it('refuses two arrays in one argument', () => {
    expect(() => fillCommand(['app', '${a}:${b}'], { a: ['1'], b: ['2'] })).toThrow(
      "cannot fill the command: command[1] '${a}:${b}' holds the arrays ${a} and ${b}; put each array placeholder in an argument of its own",
    );
  });

  it('refuses a NUL character, which no argument can hold', () => {
    expect(() => fillCommand(['app', 'x${v}'], { v: 'a\0b' })).toThrow(
      'cannot fill the command: argument 1 holds a NUL character, which no program argument can; remove it from the parameter',
    );
  });

  it('refuses a command left without a program', () => {
    expect(() => fillCommand(['${program}'], { program: [] })).toThrow('cannot fill the command: it has no program to run (the first argument is gone, an empty array); give the parameter a value');
    expect(() => fillCommand(['${program}'], { program: '' })).toThrow(/the first argument is empty/);
  });
});
