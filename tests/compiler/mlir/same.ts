// A fast deep-equality assertion for large modules: plain structural comparison, and
// uvu's diff only when they differ.
import * as assert from 'uvu/assert';
import { sameData } from '../../../compiler/mlir/ir.ts';

export function assertSame(actual: unknown, expected: unknown, message?: string): void {
  if (!sameData(actual, expected)) assert.equal(actual, expected, message);
}
