/// e^x for four lanes at once, x ≤ 0 (the coarse-graining weights e^{−r/ℓ}), with plain SIMD
/// arithmetic so the hot loop needs no libm call per weight.
///
/// Range reduction x = n ln2 + f with |f| ≤ ~0.35 (n by the 1.5·2⁵² rounding trick, ln2 split
/// Cody–Waite so n·ln2_hi is exact), e^f by its Taylor series to f¹³ (truncation < 1e-17
/// relative), and 2ⁿ assembled from the exponent bits. Relative error ≲ 2 ulp. Arguments below
/// −700 are clamped there (e^−700 ≈ 1e−304, negligible beside the self term 1 of ρ̄).
@inline(__always)
func exp4(_ x: SIMD4<Double>) -> SIMD4<Double> {
    let shift = SIMD4<Double>(repeating: 6755399441055744.0) // 1.5·2⁵²: adding it rounds to an integer
    let x = pointwiseMax(x, SIMD4<Double>(repeating: -700))
    let t = x * 1.4426950408889634 + shift
    let n = t - shift
    let f = (x - n * 6.93147180369123816490e-01) - n * 1.90821492927058770002e-10
    var p = SIMD4<Double>(repeating: 1.0 / 6227020800.0) // 1/13!
    p = p * f + 1.0 / 479001600.0
    p = p * f + 1.0 / 39916800.0
    p = p * f + 1.0 / 3628800.0
    p = p * f + 1.0 / 362880.0
    p = p * f + 1.0 / 40320.0
    p = p * f + 1.0 / 5040.0
    p = p * f + 1.0 / 720.0
    p = p * f + 1.0 / 120.0
    p = p * f + 1.0 / 24.0
    p = p * f + 1.0 / 6.0
    p = p * f + 0.5
    p = p * f + 1.0
    p = p * f + 1.0
    // The low mantissa bits of t hold n; (n + 1023) << 52 is the bit pattern of 2ⁿ.
    let bits = unsafeBitCast(t, to: SIMD4<UInt64>.self)
    let scale = unsafeBitCast((bits &+ 1023) &<< 52, to: SIMD4<Double>.self)
    return p * scale
}
