// Readable unique names. Core requires every variable to be bound once per function, so
// shadowed source names become `x`, `x_1`, `x_2`...; the same scheme keeps lifted
// function names (`outer.inner`) unique across the program.

export type NameGen = { used: Set<string> };

export function newNameGen(reserved: Iterable<string> = []): NameGen {
  return { used: new Set(reserved) };
}

/** `base` if unused, else the first free `base_n`. */
export function fresh(g: NameGen, base: string): string {
  let name = base;
  for (let n = 1; g.used.has(name); n++) name = `${base}_${n}`;
  g.used.add(name);
  return name;
}
