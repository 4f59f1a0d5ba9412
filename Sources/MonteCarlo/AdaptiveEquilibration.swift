/// Mean potential energy per particle over one window of the swap stage, with the standard
/// error of that mean from `blocks` block means (blocks tame the autocorrelation of samples).
public struct EnergyWindow: Sendable, Equatable, Codable {
    public var firstSweep: Int
    public var sweeps: Int
    public var meanEnergyPerParticle: Double
    public var error: Double

    public static let blocks = 10

    public init(firstSweep: Int, sweeps: Int, energies: [Double]) {
        self.firstSweep = firstSweep; self.sweeps = sweeps
        let b = max(1, min(EnergyWindow.blocks, energies.count)), per = energies.count / b
        let means = (0..<b).map { k in energies[(k * per)..<((k + 1) * per)].reduce(0, +) / Double(max(1, per)) }
        let m = means.reduce(0, +) / Double(b)
        meanEnergyPerParticle = m
        error = b > 1 ? (means.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(b - 1) / Double(b)).squareRoot() : 0
    }
}

/// The drift test between two successive windows: d = ⟨u⟩_k − ⟨u⟩_{k−1}, its error
/// σ_d = √(SE_k² + SE_{k−1}²), and the significance |d| / σ_d. The energy counts as flat when the
/// significance is below `threshold` (2, a two-sided test at about 5 %).
public struct WindowDrift: Sendable, Equatable, Codable {
    public var drift: Double
    public var error: Double
    public var significance: Double
    public static let threshold = 2.0
    public var isFlat: Bool { significance < WindowDrift.threshold }

    public init(from previous: EnergyWindow, to current: EnergyWindow) {
        drift = current.meanEnergyPerParticle - previous.meanEnergyPerParticle
        error = (current.error * current.error + previous.error * previous.error).squareRoot()
        significance = error > 0 ? abs(drift) / error : (drift == 0 ? 0 : .infinity)
    }
}

/// The record of an adaptive swap stage: windows of `windowSweeps` (at least one τα each) run
/// until two successive windows show no significant drift of the mean energy (`WindowDrift`), or
/// until `maxSwapSweeps` are spent: then `isEquilibrated` is false and the caller must fail.
/// The first window holds the transient after the quench; its steep trend inflates its own
/// standard error, which would let a comparison with it pass, so it never counts: the stage
/// stops at the earliest after window 3 (windows 2 and 3 agree).
public struct AdaptiveEquilibration: Sendable, Equatable, Codable {
    public enum Decision: Sendable, Equatable { case runAnotherWindow, equilibrated, budgetExhausted }

    public var windowSweeps: Int
    public var maxSwapSweeps: Int
    public var windows: [EnergyWindow] = []
    /// drifts[k − 1] compares window k with window k − 1.
    public var drifts: [WindowDrift] = []
    public var isEquilibrated = false
    /// Swap trials of the whole stage by pair type.
    public var tally = SwapTally()
    public var swapPairs: SwapPairs

    public init(windowSweeps: Int, maxSwapSweeps: Int, swapPairs: SwapPairs) {
        self.windowSweeps = windowSweeps; self.maxSwapSweeps = maxSwapSweeps; self.swapPairs = swapPairs
    }

    /// A burn-in window plus the two compared.
    public static let minimumWindows = 3

    public var swapSweeps: Int { windows.map(\.sweeps).reduce(0, +) }
    public var maxWindows: Int { maxSwapSweeps / windowSweeps }
    /// The last drift test, the one that ended the stage.
    public var finalDrift: WindowDrift? { drifts.last }

    /// Why the stage is not equilibrated, for the caller's error: the budget spent and the last drift.
    public var shortfall: String {
        let d = finalDrift
        return "after the budget of \(maxSwapSweeps) swap sweeps (\(windows.count) windows of \(windowSweeps)) "
            + String(format: "the last two windows still differ by %.2e ± %.1e per particle (%.1f standard errors; flat means < %.0f)",
                     d?.drift ?? .nan, d?.error ?? .nan, d?.significance ?? .nan, WindowDrift.threshold)
    }

    /// Adds a finished window and says what to do next.
    public mutating func add(_ w: EnergyWindow) -> Decision {
        if let last = windows.last { drifts.append(WindowDrift(from: last, to: w)) }
        windows.append(w)
        if windows.count >= AdaptiveEquilibration.minimumWindows, drifts.last?.isFlat == true { isEquilibrated = true; return .equilibrated }
        return windows.count >= maxWindows ? .budgetExhausted : .runAnotherWindow
    }
}
