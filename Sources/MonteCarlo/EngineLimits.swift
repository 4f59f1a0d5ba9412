/// The largest counts the engine accepts. Every product formed from them (trials = sweeps × N,
/// runs × sweeps of progress, the relaxation trajectory's origins × spacing) stays far inside
/// 64-bit integers, and each is already far beyond what can finish: 10¹¹ sweeps of N = 4000 are
/// about 3 core-years at our measured 4.5×10⁶ trials/s.
public enum EngineLimits {
    public static let maxSweeps = 100_000_000_000
    public static let maxParticles = 10_000_000
    /// Iso-configurational runs and F_s time origins (each holds N positions in memory).
    public static let maxRuns = 100_000
    public static let maxOrigins = 10_000
    /// Times at which p and q are recorded, and points per decade of the log-spaced grid.
    public static let maxTimes = 10_000
    public static let maxLagsPerDecade = 1_000

    /// "1…100000000000 (10^11)"-style text for messages.
    public static func range(_ low: Int, _ high: Int) -> String {
        var exponent = 0, v = high
        while v > 1, v % 10 == 0 { v /= 10; exponent += 1 }
        return v == 1 && exponent >= 4 ? "\(low)…\(high) (10^\(exponent))" : "\(low)…\(high)"
    }

    /// Throws `MonteCarloError.invalidParameter` unless `value` lies in `low…high`.
    public static func check(_ field: String, _ value: Int, in low: Int, _ high: Int) throws {
        guard value >= low, value <= high else {
            throw MonteCarloError.invalidParameter(field: field, value: "\(value)", allowed: "a whole number in \(range(low, high))")
        }
    }
}
