// convert-arith-to-llvm on floats, op for op
func.func @f(%a: f64, %b: f64) -> f64 {
  %0 = arith.addf %a, %b : f64
  %1 = arith.mulf %0, %a : f64
  %2 = arith.subf %1, %b : f64
  %3 = arith.divf %2, %a : f64
  %4 = arith.negf %3 : f64
  return %4 : f64
}
func.func @g(%a: f32, %i: i32) -> i32 {
  %0 = arith.sitofp %i : i32 to f32
  %1 = arith.addf %a, %0 : f32
  %2 = arith.extf %1 : f32 to f64
  %c = arith.cmpf olt, %2, %2 : f64
  %3 = arith.truncf %2 : f64 to f32
  %4 = arith.fptosi %3 : f32 to i32
  %5 = arith.select %c, %i, %4 : i32
  return %5 : i32
}
func.func @h(%a: f32, %b: f32) -> i1 {
  %c = arith.cmpf ult, %a, %b : f32
  return %c : i1
}
