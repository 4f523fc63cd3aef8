// The error a parse of MLIR text throws, for tests of the parser's diagnostics.
import * as assert from 'uvu/assert';
import { DiagnosticError } from '../../../compiler/diagnostics.ts';
import { parseMlir } from '../../../compiler/mlir/parse.ts';

/** The error a parse throws, as `file:line:col: error: message` (the file is bad.mlir). */
export function errorOf(text: string): string {
  try {
    parseMlir(text, 'bad.mlir');
  } catch (e) {
    assert.instance(e, DiagnosticError);
    return (e as DiagnosticError).message;
  }
  assert.unreachable('no error');
  return '';
}
