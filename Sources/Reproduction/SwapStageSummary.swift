import Foundation
import MonteCarlo
import Pipeline
import Report

/// The adaptive swap stage of the main data set, per configuration: windows used, the drift test
/// that ended it, and the swap acceptance among unlike pairs, overall and by pair type.
struct SwapStageSummary: Codable, Sendable, Equatable {
    var records: [AdaptiveEquilibration]

    /// Pooled over configurations.
    var pooled: SwapTally { records.map(\.tally).reduce(SwapTally(), +) }

    /// A pair type without trials (S↔L with adjacent swaps) sets no value.
    func keyed(into v: inout ValueStore) {
        v.set("equilibrium.windows_max", records.map(\.windows.count).max() ?? 0)
        v.set("equilibrium.swap_sweeps_max", records.map(\.swapSweeps).max() ?? 0)
        v.set("equilibrium.window_sweeps", records.first?.windowSweeps ?? 0)
        v.set("equilibrium.window_drift_max", records.compactMap { $0.finalDrift?.significance }.max() ?? .nan)
        v.set("equilibrium.swap_pairs", records.first?.swapPairs.rawValue ?? "")
        let pooled = self.pooled
        if pooled.unlikeTrials > 0 { v.set("equilibrium.swap_acceptance_unlike", pooled.unlikeAcceptance) }
        for (t, key) in zip(SwapPairType.allCases, ["sm", "ml", "sl"]) where pooled.trials[t.rawValue] > 0 {
            v.set("equilibrium.swap_acceptance_\(key)", pooled.acceptance(t))
        }
        v.set("table.swap_stage", table)
    }

    var table: ReportTable {
        let f = SummaryTables.f
        return ReportTable(
            columns: ["configuration", "windows × sweeps", "⟨u⟩ of the last two windows", "drift", "drift / σ",
                      "swap acceptance (unlike)"] + SwapPairType.allCases.map(\.label),
            rows: records.enumerated().map { k, e in
                let w = e.windows.suffix(2).map { f($0.meanEnergyPerParticle, "%.4f") + " ± " + f($0.error, "%.4f") }
                return [String(k), "\(e.windows.count) × \(e.windowSweeps)", w.joined(separator: ", "),
                        f(e.finalDrift?.drift ?? .nan, "%.1e"), f(e.finalDrift?.significance ?? .nan, "%.1f"),
                        f(e.tally.unlikeTrials > 0 ? e.tally.unlikeAcceptance : .nan, "%.2e")]
                    + SwapPairType.allCases.map { f(e.tally.trials[$0.rawValue] > 0 ? e.tally.acceptance($0) : .nan, "%.2e") }
            })
    }
}
