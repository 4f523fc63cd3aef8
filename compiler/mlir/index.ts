// The MLIR package: data model, parser (custom and generic forms), printers, naming.
export * from './ir.ts';
export { parseAttrText, parseMlir, parseOp, parseTypeText } from './parse.ts';
export { printMlir, printGenericOp } from './print.ts';
export { printAttr, printType } from './print-type-attr.ts';
export { printMlirCustom, printCustomOp } from './print-custom.ts';
export { canonicalNames } from './names.ts';
export { splitSuccessorOperands, joinSuccessorOperands } from './op-info.ts';
