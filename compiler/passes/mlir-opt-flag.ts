// How a pass name reaches mlir-opt's command line.
/** The mlir-opt argument that runs a pass named as `NAME` or `NAME{opts}` (the pipeline
 *  syntax users write): mlir-opt's flag form takes the options after `=`
 *  (`--canonicalize=region-simplify=aggressive`); `--NAME{opts}` is an unknown argument. */
export function mlirOptFlag(name: string): string {
  const m = /^([^{]+)\{(.*)\}$/.exec(name);
  return m ? `--${m[1]}=${m[2]!.trim()}` : `--${name}`;
}
