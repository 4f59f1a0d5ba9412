import Model

/// The pair energy the engine samples: the smoothed LJ potential of paper Sec. II (unnumbered there) evaluated in
/// Float32 from a Double squared distance, capped at 2¹⁸ ε, and rounded to a fixed-point integer
/// in units of 2⁻³² ε.
///
/// Why fixed point: integer sums are exact, so the energy of a configuration is one well-defined
/// number whatever the order or SIMD lane in which its pair terms are added. Hence
/// - ΔE of a move is exactly minus ΔE of its reverse (detailed balance holds exactly for this
///   energy function, not just to rounding);
/// - results do not depend on the order of a Verlet row or on when the list was built, so
///   resumed runs and uninterrupted ones agree bit for bit without sorting rows.
///
/// Why Float32: a division per pair is the kernel's largest cost and Float32 lanes divide 16 at
/// a time. The relative error of a term (≈ 2×10⁻⁶) is far below anything the statistics resolve.
/// Below r = σ/2 (v > 1.6×10⁴ ε) the energy is capped at 2¹⁸ ε and a ramp of up to 2¹⁷ ε added,
/// which keeps the fixed-point range and still pushes overlapping particles of a random start
/// apart. The Boltzmann weight of that region, below e^(−1.6×10⁴/T), is zero at every
/// temperature studied.
///
/// Every evaluation, scalar or in lanes, runs the same IEEE operations in the same order, so a
/// pair has one energy wherever it is computed.
struct QuantizedPairEnergy {
    /// 1/σ² and ε of row species a and partner species b in lane 3a + b (Float32; SIMD storage
    /// so that the struct is a plain value with no reference counting in the hot loop).
    var inverseSigma2 = SIMD16<Float>()
    var epsilon = SIMD16<Float>()
    /// Smoothing coefficients in units of ε and x = r²/σ², and the cutoff x_c = (r_c/σ)².
    var c0: Float, c2: Float, c4: Float, cutoffX: Float

    static let cap: Float = 0x1p18
    /// The ramp adds rampHeight·(1 − x/rampStart) for x = r²/σ² < rampStart.
    static let rampHeight: Float = 0x1p17, rampStart: Float = 0.25
    /// One fixed-point unit is 2⁻³² ε.
    static let scale = 0x1p32
    /// Adding 1.5·2⁵² to |v|·2³² < 2⁵¹ leaves round(v·2³²) in the low mantissa bits.
    static let magic = 6_755_399_441_055_744.0
    static let magicBits = Int64(bitPattern: magic.bitPattern)

    init(_ v: PairPotential) {
        for t in 0..<9 {
            inverseSigma2[t] = Float(1 / v.sigma2[t])
            epsilon[t] = Float(v.fourEpsilon[t] / 4)
        }
        c0 = Float(v.c0); c2 = Float(v.c2); c4 = Float(v.c4)
        cutoffX = Float(v.mixture.cutoffRatio * v.mixture.cutoffRatio)
    }

    /// x = r²/σ² is clamped below at `smallestX` so that no term overflows; the cap rules there.
    static let smallestX: Float = 1e-6

    /// The fixed-point energy of one pair at squared distance `r2`.
    @inline(__always)
    func term(r2: Double, type t: Int) -> Int64 {
        QuantizedPairEnergy.fixedPoint(value(x: Float(r2) * inverseSigma2[t], epsilon: epsilon[t]))
    }

    /// The Float32 pair energy at x = r²/σ² (0 beyond the cutoff): the scalar twin of `lanes`.
    @inline(__always)
    func value(x unclamped: Float, epsilon: Float) -> Float {
        let x = Swift.max(unclamped, QuantizedPairEnergy.smallestX)
        let s = 1 / x
        let s3 = s * s * s
        let lj = (4 * s3) * (s3 - 1)
        let capped = Swift.min(lj + c0 + x * (c2 + x * c4), QuantizedPairEnergy.cap)
        let ramp = QuantizedPairEnergy.rampHeight * Swift.max(0, 1 - x * (1 / QuantizedPairEnergy.rampStart))
        let v = epsilon * (capped + ramp)
        return x < cutoffX ? v : 0
    }

    /// round(v·2³²): an energy in fixed-point units.
    @inline(__always)
    static func fixedPoint(_ v: Float) -> Int64 {
        Int64(bitPattern: (Double(v) * scale + magic).bitPattern) &- magicBits
    }

    /// The Float32 pair energies of 16 lanes with x = r²/σ² ≥ `rampStart` (where neither the
    /// clamp, the cap nor the ramp acts, so the result equals `lanes`'), 0 beyond the cutoff.
    @inline(__always)
    func plainLanes(x: SIMD16<Float>, epsilon: SIMD16<Float>) -> SIMD16<Float> {
        typealias F = SIMD16<Float>
        let s: F = 1 / x
        let s3: F = s * s * s
        let lj: F = (4 * s3) * (s3 - 1)
        let poly: F = x * (F(repeating: c2) + x * F(repeating: c4))
        let v: F = epsilon * (lj + F(repeating: c0) + poly)
        return bits(v, where: negative(x - F(repeating: cutoffX)))
    }

    /// Whether any lane has x < `rampStart` (overlapping particles, or a padding entry of a
    /// particle sitting exactly on the dummy): then `lanes` must be used.
    @inline(__always)
    func anyClose(_ x: SIMD16<Float>) -> Bool {
        anySignBit(x - SIMD16(repeating: QuantizedPairEnergy.rampStart))
    }

    /// The Float32 pair energies of 16 lanes of x = r²/σ² by the same operations as `term`, 0
    /// beyond the cutoff. Every value is finite, so min, max and the cutoff are selects on the
    /// sign bit of a difference: bit operations, because Swift's pointwiseMin/Max and mask
    /// comparisons can compile to lane-by-lane loops.
    @inline(__always)
    func lanes(x unclamped: SIMD16<Float>, epsilon: SIMD16<Float>) -> SIMD16<Float> {
        typealias F = SIMD16<Float>
        let x = larger(unclamped, F(repeating: QuantizedPairEnergy.smallestX))
        let s: F = 1 / x
        let s3: F = s * s * s
        let lj: F = (4 * s3) * (s3 - 1)
        let poly: F = x * (F(repeating: c2) + x * F(repeating: c4))
        let capped = smaller(lj + F(repeating: c0) + poly, F(repeating: QuantizedPairEnergy.cap))
        let ramp = F(repeating: QuantizedPairEnergy.rampHeight)
            * larger(F(repeating: 0), F(repeating: 1) - x * F(repeating: 1 / QuantizedPairEnergy.rampStart))
        let v: F = epsilon * (capped + ramp)
        return bits(v, where: negative(x - F(repeating: cutoffX)))
    }

    /// All ones in the lanes where `d` is negative (its sign bit), zeros elsewhere.
    @inline(__always) func negative(_ d: SIMD16<Float>) -> SIMD16<Int32> {
        unsafeBitCast(d, to: SIMD16<Int32>.self) &>> SIMD16<Int32>(repeating: 31)
    }
    /// `v` where `mask` is set, +0 elsewhere.
    @inline(__always) private func bits(_ v: SIMD16<Float>, where mask: SIMD16<Int32>) -> SIMD16<Float> {
        unsafeBitCast(unsafeBitCast(v, to: SIMD16<Int32>.self) & mask, to: SIMD16<Float>.self)
    }
    /// max(a, b) and min(a, b) of finite lanes, as `Swift.max`/`Swift.min` give them.
    @inline(__always) private func larger(_ a: SIMD16<Float>, _ b: SIMD16<Float>) -> SIMD16<Float> {
        let aBelow = negative(a - b)
        return unsafeBitCast(unsafeBitCast(a, to: SIMD16<Int32>.self) & (aBelow ^ SIMD16(repeating: -1))
                             | unsafeBitCast(b, to: SIMD16<Int32>.self) & aBelow, to: SIMD16<Float>.self)
    }
    @inline(__always) private func smaller(_ a: SIMD16<Float>, _ b: SIMD16<Float>) -> SIMD16<Float> {
        let aBelow = negative(a - b)
        return unsafeBitCast(unsafeBitCast(a, to: SIMD16<Int32>.self) & aBelow
                             | unsafeBitCast(b, to: SIMD16<Int32>.self) & (aBelow ^ SIMD16(repeating: -1)), to: SIMD16<Float>.self)
    }

    /// v·2³² + 1.5·2⁵² as integers: a sum of n of these is Σ round(v·2³²) + n·magicBits, and the
    /// offsets cancel in a difference of two sums over the same number of lanes.
    @inline(__always)
    static func biasedFixedPoint(_ v: SIMD8<Float>) -> SIMD8<Int64> {
        unsafeBitCast(widened(v) * scale + magic, to: SIMD8<Int64>.self)
    }

    /// Both halves of 16 lanes, added lane-wise.
    @inline(__always)
    static func biasedFixedPoint(_ v: SIMD16<Float>) -> SIMD8<Int64> {
        biasedFixedPoint(v.lowHalf) &+ biasedFixedPoint(v.highHalf)
    }

    /// A fixed-point energy in units of ε.
    @inline(__always) static func energy(_ q: Int64) -> Double { Double(q) * 0x1p-32 }
}
