// Target profiles: `checkProfile` (embedded / mid / server) and the pieces it is made of.
export { checkProfile, profileError, isTarget, TARGETS, DEFAULT_TARGET, DEFAULT_MEMORY_BUDGET } from './profile.ts';
export type { Target, ProfileOptions, ProfileReport } from './profile.ts';
export { stackBudget } from './stack-budget.ts';
export type { StackBudgetResult, StackBudgetOptions, PathStep } from './stack-budget.ts';
export { frameOf, staticBytes, FRAME_OVERHEAD, MIN_CALL_OVERHEAD } from './frames.ts';
export type { Frame } from './frames.ts';
export { depthBound } from './depth.ts';
export { callGraph } from './callgraph.ts';
export type { CallGraph, CallSite } from './callgraph.ts';
