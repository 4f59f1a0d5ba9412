import Foundation

/// The paper's wave number k = 6.3, near the first peak of the static structure factor.
public let paperWaveNumber = 6.3

/// F_s(k) of one set of displacements: the particle average of cos(k·Δr) with k along x and
/// along y, (1/N) Σ_i [cos(k Δx_i) + cos(k Δy_i)] / 2 (paper Eq. (1) without the time average).
public func selfScattering(dx: [Double], dy: [Double], k: Double = paperWaveNumber) -> Double {
    var s = 0.0
    for i in 0..<dx.count { s += cos(k * dx[i]) + cos(k * dy[i]) }
    return s / Double(2 * dx.count)
}

/// The time where a decaying curve first crosses 1/e, interpolated linearly in (log t, F);
/// nil if it never falls to 1/e.
public func relaxationTime(times: [Int], values: [Double], level: Double = exp(-1)) -> Double? {
    for k in 0..<values.count where values[k] <= level {
        guard k > 0 else { return Double(times[0]) }
        let t0 = log(Double(times[k - 1])), t1 = log(Double(times[k]))
        let f0 = values[k - 1], f1 = values[k]
        return exp(t0 + (level - f0) / (f1 - f0) * (t1 - t0))
    }
    return nil
}

/// Roughly `perDecade` log-spaced whole times in 1…maximum, strictly increasing, ending at maximum.
/// Terminates for every `maximum` (compared as a Double before any conversion to Int).
public func logSpacedTimes(maximum: Int, perDecade: Int = 8) -> [Int] {
    guard maximum >= 1 else { return [] }
    let step = 1 / Double(max(1, perDecade))
    var out: [Int] = []
    var e = 0.0
    while true {
        let p = pow(10, e).rounded()
        if !(p < Double(maximum)) { break }
        let t = Int(p)
        if t >= maximum { break }
        if out.last != t { out.append(t) }
        e += step
    }
    out.append(maximum)
    return out
}
