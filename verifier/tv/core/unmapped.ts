// A Core construct the Core -> MLIR check does not map yet: reported as
// `unsupported: <what>`, never guessed.
export class NotMapped extends Error {
  constructor(readonly what: string) {
    super(`unsupported: ${what}`);
  }
}
