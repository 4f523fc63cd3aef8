// The modules whose members are built in (CLEF.md "Console and formatting", "Memory",
// "Contracts"): `Console.writeln` reaches the AST as ONE Name with the dot, while every other
// `a.B` is a Field. `Int32.MaxValue` and friends are here so the checker can offer them.
export const BUILTIN_MODULES: ReadonlySet<string> = new Set([
  'Console', 'Format', 'NativePtr', 'Span', 'Arena', 'Region', 'Wrapping', 'Contract', 'String', 'Array',
  'Int8', 'SByte', 'Int16', 'Int32', 'Int64', 'UInt8', 'Byte', 'UInt16', 'UInt32', 'UInt64',
  'NativeInt', 'UNativeInt', 'Double', 'Single', 'Char',
]);
