// Text of types and attributes, in the spelling mlir-opt uses.
import type { Attr, DenseElement, Dim, NamedAttr, Type } from './ir.ts';
import { formatFloat } from './float-format.ts';

const BARE = /^[A-Za-z_][A-Za-z0-9_$.]*$/;

/** A byte string (char codes 0..255) as an MLIR string literal. */
export function quote(s: string): string {
  let out = '"';
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c === 34) out += '\\22';
    else if (c === 92) out += '\\\\';
    else if (c >= 32 && c < 127) out += s[k];
    else out += '\\' + c.toString(16).toUpperCase().padStart(2, '0');
  }
  return out + '"';
}

/** An attribute-dictionary key: bare when it can be, else quoted. */
export const attrName = (n: string): string => (BARE.test(n) ? n : quote(n));

export const symbol = (n: string): string => '@' + (BARE.test(n) ? n : quote(n));

const dim = (d: Dim): string => (d === null ? '?' : String(d));

/** `inLLVM`: a direct child of an LLVM type, where LLVM types drop their `!llvm.` prefix. */
export function printType(t: Type, inLLVM = false): string {
  const llvm = inLLVM ? '' : '!llvm.';
  switch (t.kind) {
    case 'integer':
      return (t.signedness === 'signed' ? 'si' : t.signedness === 'unsigned' ? 'ui' : 'i') + t.width;
    case 'index':
      return 'index';
    case 'float':
      return t.name;
    case 'none':
      return 'none';
    case 'function': {
      const ins = `(${t.inputs.map((x) => printType(x)).join(', ')})`;
      const single = t.results.length === 1 && t.results[0]!.kind !== 'function';
      const outs = single ? printType(t.results[0]!) : `(${t.results.map((x) => printType(x)).join(', ')})`;
      return `${ins} -> ${outs}`;
    }
    case 'tuple':
      return `tuple<${t.types.map((x) => printType(x)).join(', ')}>`;
    case 'complex':
      return `complex<${printType(t.element)}>`;
    case 'vector': {
      const dims = t.shape.map((d, k) => (t.scalable[k] ? `[${d}]` : String(d)) + 'x').join('');
      return `vector<${dims}${printType(t.element)}>`;
    }
    case 'tensor': {
      if (t.shape === null) return `tensor<*x${printType(t.element)}>`;
      const enc = t.encoding ? `, ${printAttr(t.encoding)}` : '';
      return `tensor<${t.shape.map((d) => dim(d) + 'x').join('')}${printType(t.element)}${enc}>`;
    }
    case 'memref': {
      let s = `memref<${t.shape.map((d) => dim(d) + 'x').join('')}${printType(t.element)}`;
      if (t.layout) s += `, ${printAttr(t.layout)}`;
      if (t.memorySpace) s += `, ${memorySpace(t.memorySpace)}`;
      return s + '>';
    }
    case 'unrankedMemref':
      return `memref<*x${printType(t.element)}${t.memorySpace ? `, ${memorySpace(t.memorySpace)}` : ''}>`;
    case 'llvm.ptr':
      return llvm + (t.addressSpace === 0 ? 'ptr' : `ptr<${t.addressSpace}>`);
    case 'llvm.void':
      return llvm + 'void';
    case 'llvm.array':
      return `${llvm}array<${t.size} x ${printType(t.element, true)}>`;
    case 'llvm.func':
      return `${llvm}func<${printType(t.result, true)} (${[...t.params.map((x) => printType(x, true)), ...(t.varArg ? ['...'] : [])].join(', ')})>`;
    case 'llvm.struct': {
      const parts: string[] = [];
      if (t.name !== null) parts.push(quote(t.name));
      if (t.body === 'opaque') parts.push('opaque');
      else if (t.body !== null) parts.push(`${t.packed ? 'packed ' : ''}(${t.body.map((x) => printType(x, true)).join(', ')})`);
      return `${llvm}struct<${parts.join(', ')}>`;
    }
    case 'opaque':
      return inLLVM && t.text.startsWith('!llvm.') ? t.text.slice(6) : t.text;
    default: {
      const never: never = t;
      return never;
    }
  }
}

/** A memory space, `1` rather than `1 : i64` as mlir-opt prints it. */
function memorySpace(a: Attr): string {
  return a.kind === 'int' && a.type.kind === 'integer' && a.type.width === 64 && a.type.signedness === 'signless' ? String(a.value) : printAttr(a);
}

function denseElement(e: DenseElement, elem: Type): string {
  if (Array.isArray(e)) return `[${e.map((x) => denseElement(x, elem)).join(', ')}]`;
  if (typeof e === 'boolean') return String(e);
  if (typeof e === 'string') return quote(e);
  if (typeof e === 'number') return formatFloat(e, elem.kind === 'float' ? elem.name : 'f64');
  return e.toString();
}

function elementType(t: Type): Type {
  return t.kind === 'tensor' || t.kind === 'vector' || t.kind === 'memref' ? t.element : t;
}

export function printAttr(a: Attr): string {
  switch (a.kind) {
    case 'int':
      return `${a.value} : ${printType(a.type)}`;
    case 'float': {
      const text = a.bits ?? formatFloat(a.value, a.type.kind === 'float' ? a.type.name : 'f64');
      return `${text} : ${printType(a.type)}`;
    }
    case 'bool':
      return String(a.value);
    case 'string':
      return a.type ? `${quote(a.value)} : ${printType(a.type)}` : quote(a.value);
    case 'unit':
      return 'unit';
    case 'type':
      return printType(a.type);
    case 'symbolRef':
      return [a.root, ...a.nested].map(symbol).join('::');
    case 'array':
      return `[${a.elements.map(printAttr).join(', ')}]`;
    case 'dict':
      return printAttrDict(a.entries);
    case 'dense': {
      const body = a.data.kind === 'empty' ? '' : a.data.kind === 'hex' ? quote(a.data.hex) : denseElement(a.data.value, elementType(a.type));
      return `dense<${body}> : ${printType(a.type)}`;
    }
    case 'denseArray': {
      if (a.values.length === 0) return `array<${printType(a.elementType)}>`;
      const et = a.elementType;
      const vals = a.values.map((v) => (typeof v === 'number' ? formatFloat(v, et.kind === 'float' ? et.name : 'f64') : String(v)));
      return `array<${printType(et)}: ${vals.join(', ')}>`;
    }
    case 'affineMap':
      return `affine_map<${a.text}>`;
    case 'integerSet':
      return `affine_set<${a.text}>`;
    case 'strided':
      return `strided<[${a.strides.map(dim).join(', ')}]${a.offset === 0 ? '' : `, offset: ${dim(a.offset)}`}>`;
    case 'opaque':
      return a.text;
    default: {
      const never: never = a;
      return never;
    }
  }
}

/** `{a = 1 : i64, flag}` (unit attributes print as their bare name). */
export function printAttrDict(entries: NamedAttr[]): string {
  return `{${entries.map((e) => (e.value.kind === 'unit' ? attrName(e.name) : `${attrName(e.name)} = ${printAttr(e.value)}`)).join(', ')}}`;
}
