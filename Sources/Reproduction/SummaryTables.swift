import Descriptors
import Foundation
import Model
import Pipeline
import Report

/// The report's tables, formatted from the typed summary (their keys: ReportSummary.Derived, SummaryValues.swift).
enum SummaryTables {
    /// A number in `format`, or "—" when undefined.
    static func f(_ x: Double, _ format: String) -> String { x.isFinite ? String(format: format, x) : "—" }
}

extension EquilibriumSummary {
    var table: ReportTable {
        let f = SummaryTables.f
        return ReportTable(
            columns: ["configuration", "⟨u⟩ per particle", "drift per 10⁴ sweeps", "drift / SE", "acceptance", "swap acceptance"],
            rows: checks.enumerated().map { k, c in
                [String(k), f(c.meanEnergyPerParticle, "%.4f"), f(c.slopePerSweep * 1e4, "%.2e"),
                 f(c.driftSignificance, "%.1f"), f(c.acceptanceRate, "%.3f"), f(c.swapAcceptanceRate, "%.4f")]
            })
    }
}

extension DescriptorScanSummary {
    /// Our peaks beside the paper's T = 0.30 ones (τα only: the paper publishes no β-time coefficients).
    func peaksTable(paper: DescriptorScanSummary) -> ReportTable {
        let f = SummaryTables.f
        return ReportTable(
            columns: ["descriptor", "max |ρ(X, p)|", "at ℓ", "paper (T = 0.30, τα)", "min Δ(X→p)", "mean Δ(X→p)", "mean Δ(p→X)"],
            rows: peaks.map { p in
                let theirs = paper.peak(p.descriptor)
                return [p.descriptor.symbol, f(p.pearsonPeak.value, "%.3f"), f(p.peakEll, "%.1f"),
                        f(theirs.pearsonPeak.value, "%.3f") + " at " + f(theirs.peakEll, "%.1f"),
                        f(p.deltaXToPMin, "%.3f"), f(p.deltaXToPMean, "%.3f"), f(p.deltaPToXMean, "%.3f")]
            })
    }
}

extension SelectionSummary {
    /// The first `firstFeatureCount` selected features per configuration.
    var ordersTable: ReportTable {
        ReportTable(columns: ["configuration"] + (1...min(Self.firstFeatureCount, toTarget.mean.count)).map { "X\($0)" },
                    rows: firstFeatures.enumerated().map { c, names in [String(c)] + names })
    }
}

extension SpeciesSummary {
    var table: ReportTable {
        let f = SummaryTables.f
        return ReportTable(
            columns: ["descriptor", "max_ℓ |ρ| within species", "at ℓ"] + Species.allCases.map { "\($0.symbol) only" },
            rows: withinSpecies.map { w in
                [w.descriptor.symbol, f(w.pearsonPeak, "%.3f"), f(w.peakEll, "%.1f")] + w.speciesPeaks.map { f($0, "%.3f") }
            })
    }
}

extension TemperatureSeries {
    var table: ReportTable {
        let f = SummaryTables.f
        func row(_ p: SeriesPoint, _ label: String, tau: String) -> [String] {
            [label, tau, String(p.configurations), f(p.optimalEllTheta, "%.2f"), f(p.best(.stericOrder), "%.3f"),
             f(p.best(.density), "%.3f"), p.bestDescriptor.symbol, p.halfPearson.map { f($0, "%.3f") } ?? "—",
             p.speciesShare.map { f($0, "%.3f") } ?? "—"]
        }
        return ReportTable(
            columns: ["T", "τα (sweeps)", "configurations", "optimal ℓ of Θ̄", "max |ρ(Θ̄, p)|", "max |ρ(ρ̄, p)|", "best descriptor",
                      "ρ(p half, p half)", "species share of p (η²)"],
            rows: points.map { row($0, f($0.temperature, "%.3f"), tau: f($0.tauAlpha, "%.0f")) }
                + [row(paper, "0.30 (paper)", tau: "4×10⁶")])
    }
}
