// Generates a large, valid Clef program of roughly `lines` lines for front-end throughput
// measurements: a mix of records, unions, matches, loops, stack arrays and arithmetic,
// as real systems code has.
export function generateProgram(lines: number): string {
  const out: string[] = [
    'module Bench.Generated',
    '',
    'type Point = { X: int; Y: int }',
    '',
    'type Shape =',
    '    | Circle of r: int',
    '    | Rect of w: int * h: int',
    '    | Empty',
    '',
  ];
  let i = 0;
  while (out.length < lines - 12) {
    out.push(...unit(i));
    i++;
  }
  out.push('[<EntryPoint>]', 'let main argv =', '    let mutable total = 0');
  for (let k = 0; k < Math.min(i, 5); k++) out.push(`    total <- total + (area${k} (Rect (${k + 1}, 2))) % 7`);
  out.push('    Console.writeln (Format.int total)', '    0', '');
  return out.join('\n');
}

function unit(i: number): string[] {
  return [
    `[<Requires("n >= 0 && n <= 1000")>]`,
    `let sum${i} (n: int) : int =`,
    `    let mutable acc = 0`,
    `    for k in 0 .. n do`,
    `        if k % 3 = 0 then`,
    `            acc <- acc + k`,
    `        elif k % 5 = 0 then`,
    `            acc <- acc + 2 * k`,
    `        else`,
    `            acc <- acc + 1`,
    `    acc`,
    ``,
    `let area${i} (s: Shape) : int =`,
    `    match s with`,
    `    | Circle r when r > 100 -> 3 * 100 * 100`,
    `    | Circle r -> 3 * r * r`,
    `    | Rect (w, h) -> w * h`,
    `    | Empty -> 0`,
    ``,
    `let move${i} (p: Point) (dx: int) : Point =`,
    `    let q = { p with X = p.X + dx }`,
    `    { X = q.X; Y = q.Y - ${i % 17} }`,
    ``,
    `let fill${i} (n: int) : int =`,
    `    let buf = NativePtr.stackalloc<int32> 16`,
    `    let mutable i = 0`,
    `    while i < 16 do`,
    `        NativePtr.set buf i (int32 (i * ${(i % 9) + 1}))`,
    `        i <- i + 1`,
    `    let mutable s = 0l`,
    `    for j = 0 to 15 do`,
    `        s <- s + (NativePtr.get buf j &&& 0xFFl)`,
    `    int s + n`,
    ``,
  ];
}
