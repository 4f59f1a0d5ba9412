import Dynamics
import MonteCarlo
import Statistics

/// The two equilibrium checks the report quotes: energy drift per configuration, and aging
/// (τα from the earlier against the later half of the relaxation run's time origins).
struct EquilibriumSummary: Codable, Sendable, Equatable {
    /// Per configuration, in order (the equilibrium table).
    var checks: [EquilibriumCheck]
    var maxDriftSignificance: Double
    var energy: Double
    var acceptance: Double
    /// Spread over configurations of ⟨u⟩ per particle.
    var energySpread: Double
    /// nil with fewer than two time origins, or when a half never decays.
    var aging: Aging?
    var swapStage: SwapStageSummary
    /// The swap stage's window over the τα the relaxation run measured afterwards: the drift
    /// test compares windows of at least one τα only when this is ≥ 1.
    var windowOverTauAlpha: Double?

    /// The longest window over τα (every configuration uses the manifest's window).
    static func windowOverTauAlpha(_ records: [AdaptiveEquilibration], tauAlpha: Double?) -> Double? {
        guard let tau = tauAlpha, tau > 0, let w = records.map(\.windowSweeps).max() else { return nil }
        return Double(w) / tau
    }

    struct Aging: Codable, Sendable, Equatable {
        var tauAlphaEarly: Double
        var tauAlphaLate: Double
        var lateOverEarly: Double
        var maxHalfDifference: Double
    }

    init(_ o: StudyOutputs) {
        checks = o.checks.map(\.check)
        swapStage = SwapStageSummary(records: o.checks.map(\.equilibration))
        windowOverTauAlpha = Self.windowOverTauAlpha(swapStage.records, tauAlpha: o.relaxation.tauAlpha)
        let c = Double(checks.count)
        maxDriftSignificance = checks.map(\.driftSignificance).max() ?? .nan
        energy = checks.map(\.meanEnergyPerParticle).reduce(0, +) / c
        acceptance = checks.map(\.acceptanceRate).reduce(0, +) / c
        energySpread = meanAndSpread(rows: checks.map { [$0.meanEnergyPerParticle] }).std[0]
        let r = RelaxationResult(times: o.relaxation.times, perOrigin: o.relaxation.perOrigin, waveNumber: o.relaxation.waveNumber)
        if o.relaxation.perOrigin.count >= 2, let early = relaxationTime(times: r.times, values: r.halves.early),
           let late = relaxationTime(times: r.times, values: r.halves.late) {
            aging = Aging(tauAlphaEarly: early, tauAlphaLate: late, lateOverEarly: late / early, maxHalfDifference: r.maxHalfDifference)
        }
    }
}
