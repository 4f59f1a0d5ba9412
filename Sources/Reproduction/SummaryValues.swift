import Descriptors
import Model
import MonteCarlo
import Pipeline
import Report
import Regression

/// The typed summary → the flat key → value map of `values.json` that report.md, the expectations
/// and `repro diff` read, by the flattening encoder (Report/ValueEncoder.swift): a field's key is
/// its path of coding keys in snake_case. Quoting a new value is one field and one `{{value}}`.
/// This file holds only where a key differs from that rule, and the values derived from fields.
extension ReportSummary: ValueKeyed, DerivedValues {
    /// The state point and the τα scan at the top level, as the report has always quoted them;
    /// the paper's values under `paper.` without spreads (`PaperSummary.keyedValues`).
    static let valueKeyNames: [String: String?] = ["statePoint": "", "alpha": "", "betaTime": "beta", "species": "", "paper": nil]

    /// Every value the report may quote: the keys of the summary's prototype (each optional set),
    /// with `paper.*` exactly as the bundled published values give them; the run cost's (`cost.*`);
    /// and `profile`.
    static let keySet: ValueKeySet = {
        do {
            let ours = try ValueEncoding.keys(of: ReportSummary.self)
            let paper = try PaperSummary().keyedValues.keys
            return ValueKeySet(keys: ours.union(paper).union(try ValueEncoding.keys(of: RunCost.self, prefix: RunCost.prefix)).union(["profile"]))
        } catch { fatalError("the report's value keys cannot be listed: \(error)") }  // a type or resource error, caught by ValueKeysTests
    }()

    /// The keyed form written as `values.json`.
    var keyedValues: ValueStore {
        get throws { try paper.keyed(besides: self) }
    }

    struct Derived: Codable {
        struct Tables: Codable {
            var equilibrium: ReportTable
            var swapStage: ReportTable
            var withinSpecies: ReportTable
            var series: ReportTable?
            /// Our peaks beside the paper's, and the first selected features.
            var descriptorPeaks: ReportTable
            var supervisedOrders: ReportTable
        }
        struct TimescaleTables: Codable {
            var descriptorPeaks: ReportTable
            var supervisedOrders: ReportTable
        }
        struct BetaTables: Codable { var table: TimescaleTables }
        struct Repeat: Codable { var deltaQToPOverRepeat: Double }
        var table: Tables
        var beta: BetaTables
        var relaxation: EquilibriumSummary.Aging?
        var pq: Repeat
    }

    var derivedValues: Derived {
        Derived(table: .init(equilibrium: equilibrium.table, swapStage: equilibrium.swapStage.table, withinSpecies: species.table,
                             series: series.points.isEmpty ? nil : series.table,
                             descriptorPeaks: alpha.scan.peaksTable(paper: paper.scan), supervisedOrders: alpha.selection.ordersTable),
                beta: .init(table: .init(descriptorPeaks: beta.scan.peaksTable(paper: paper.scan), supervisedOrders: beta.selection.ordersTable)),
                relaxation: equilibrium.aging, pq: .init(deltaQToPOverRepeat: noise.deltaQToPOverRepeat))
    }
}

extension Estimate: ValueKeyed {
    /// `KEY` and `KEY.sem` (read by `tolerance_mode = "sem"`).
    static let valueKeyNames: [String: String?] = ["value": "", "sem": "sem"]
}

extension Descriptor: ReportValueConvertible {
    public var reportValue: ReportValue { .text(symbol) }
}

extension StatePoint: ValueKeyed {
    static let valueKeyNames: [String: String?] = ["propensityTrials": "cost.propensity_trials"]
}

extension EquilibriumSummary: ValueKeyed {
    /// Aging is quoted as `relaxation.*` (ReportSummary.Derived).
    static let valueKeyNames: [String: String?] = ["aging": nil, "swapStage": ""]
}

extension SwapStageSummary: DerivedValues {
    /// A pair type without trials (S↔L with adjacent swaps) sets no value.
    struct Derived: Codable {
        var windowsMax, swapSweepsMax, windowSweeps: Int
        var windowDriftMax: Double
        var swapPairs: String
        var swapAcceptanceUnlike, swapAcceptanceSm, swapAcceptanceMl, swapAcceptanceSl: Double?
    }

    var derivedValues: Derived {
        let pooled = self.pooled
        func acceptance(_ t: SwapPairType) -> Double? { pooled.trials[t.rawValue] > 0 ? pooled.acceptance(t) : nil }
        return Derived(windowsMax: records.map(\.windows.count).max() ?? 0, swapSweepsMax: records.map(\.swapSweeps).max() ?? 0,
                       windowSweeps: records.first?.windowSweeps ?? 0,
                       windowDriftMax: records.compactMap { $0.finalDrift?.significance }.max() ?? .nan,
                       swapPairs: records.first?.swapPairs.rawValue ?? "",
                       swapAcceptanceUnlike: pooled.unlikeTrials > 0 ? pooled.unlikeAcceptance : nil,
                       swapAcceptanceSm: acceptance(.smallMedium), swapAcceptanceMl: acceptance(.mediumLarge), swapAcceptanceSl: acceptance(.smallLarge))
    }
}

extension TimescaleSummary: ValueKeyed {
    static let valueKeyNames: [String: String?] = ["scan": "", "selection": "supervised", "leakageFreePrediction": RegressionProtocol.leakageFree.rawValue + ".prediction"]
}

extension DescriptorScanSummary: ValueKeyed {
    /// Each descriptor's peak under its stem (`theta_bar.peak_ell`).
    static let valueKeyNames: [String: String?] = [
        "peaks": "",
        "thetaPearsonMargin": "theta.pearson_margin", "symmetryMaxAbsDifference": "symmetry.max_abs_difference",
        "symmetryMeanAbsDifference": "symmetry.mean_abs_difference", "deltaQToP": "pq.delta_q_to_p", "deltaPToQ": "pq.delta_p_to_q",
    ]
}

extension DescriptorScanSummary.Peak: ValueKeyed, ValueKeyedElement {
    static let valueKeyNames: [String: String?] = ["descriptor": nil]
    var valueKey: String { descriptor.stem }
    static var valueKeyCount: Int { Descriptor.allCases.count }
}

extension PredictionSummary: ValueKeyed {
    /// Each method under its name (`prediction.supervised.dmax`).
    static let valueKeyNames: [String: String?] = [
        "methods": "",
        "supervisedD2Share": "supervised.d2_share", "unsupervisedMinusRandomD10To15": "unsupervised_minus_random_d10_15",
    ]
}

extension PredictionSummary.Method: ValueKeyed, ValueKeyedElement, DerivedValues {
    static let valueKeyNames: [String: String?] = ["method": nil, "speciesDmax": nil]
    var valueKey: String { "\(method)" }  // the case name: supervised, unsupervised, lasso, random
    static var valueKeyCount: Int { SelectionMethod.allCases.count }

    /// ρ(p, p̂) at max_d within each species, when split: `species_S.dmax`, …
    struct Derived: Codable, ValueKeyed {
        static let valueKeyNames: [String: String?] = ["species": ""]
        var species: [AtDmax]
    }
    struct AtDmax: Codable, ValueKeyed, ValueKeyedElement {
        static let valueKeyNames: [String: String?] = ["species": nil]
        var species: Species
        var dmax: Double
        var valueKey: String { "species_\(species.symbol)" }
        static var valueKeyCount: Int { Species.allCases.count }
    }

    var derivedValues: Derived { Derived(species: zip(Species.allCases, speciesDmax).map { AtDmax(species: $0, dmax: $1) }) }
}

extension NoiseSummary: ValueKeyed {
    /// Quoted beside Δ(q→p) as `pq.delta_q_to_p_over_repeat` (ReportSummary.Derived).
    static let valueKeyNames: [String: String?] = ["deltaQToPOverRepeat": nil]
}

extension SpeciesSummary: ValueKeyed {
    static let valueKeyNames: [String: String?] = [
        "pVarianceShare": "species.p_variance_share", "pRatioSToL": "species.p_ratio_s_to_l", "withinSpecies": "within_species",
        "thetaMargin": "within_species.theta_margin", "bestDescriptor": "within_species.best_descriptor",
    ]
}

extension SpeciesSummary.WithinSpecies: ValueKeyed, ValueKeyedElement, DerivedValues {
    static let valueKeyNames: [String: String?] = ["descriptor": nil, "speciesPeaks": nil]
    var valueKey: String { descriptor.stem }
    static var valueKeyCount: Int { Descriptor.allCases.count }

    /// Each species' own peak: `peak_S`, …
    struct Derived: Codable, ValueKeyed {
        static let valueKeyNames: [String: String?] = ["species": ""]
        var species: [Peak]
    }
    struct Peak: Codable, ValueKeyed, ValueKeyedElement {
        static let valueKeyNames: [String: String?] = ["species": nil, "peak": ""]
        var species: Species
        var peak: Double
        var valueKey: String { "peak_\(species.symbol)" }
        static var valueKeyCount: Int { Species.allCases.count }
    }

    var derivedValues: Derived { Derived(species: zip(Species.allCases, speciesPeaks).map { Peak(species: $0, peak: $1) }) }
}

extension TemperatureSeries: ValueKeyed, DerivedValues {
    /// The paper's point is quoted as `paper.*`, from its scan.
    static let valueKeyNames: [String: String?] = ["paper": nil]

    /// Hottest and coldest of the series (none without points).
    struct Derived: Codable {
        var optimalEllHottest, optimalEllColdest, optimalEllGrowth, minWindowOverTauAlpha: Double?
        var temperatures: String?
        var thetaMinusRhoColdest, thetaMinusRhoHottest: Double?
        var halfPearsonHottest, halfPearsonColdest, speciesShareHottest, speciesShareColdest: Double?
    }

    var derivedValues: Derived {
        guard let hot = points.first, let cold = points.last else { return Derived() }
        let halves = hot.halfPearson.flatMap { h in cold.halfPearson.map { (h, $0) } }
        let shares = hot.speciesShare.flatMap { h in cold.speciesShare.map { (h, $0) } }
        return Derived(optimalEllHottest: hot.optimalEllTheta, optimalEllColdest: cold.optimalEllTheta,
                       optimalEllGrowth: cold.optimalEllTheta - hot.optimalEllTheta, minWindowOverTauAlpha: minimumWindowOverTauAlpha,
                       temperatures: points.map { SummaryTables.f($0.temperature, "%.2f") }.joined(separator: ", "),
                       thetaMinusRhoColdest: cold.best(.stericOrder) - cold.best(.density),
                       thetaMinusRhoHottest: hot.best(.stericOrder) - hot.best(.density),
                       halfPearsonHottest: halves?.0, halfPearsonColdest: halves?.1, speciesShareHottest: shares?.0, speciesShareColdest: shares?.1)
    }
}

extension PaperSummary: ValueKeyed {
    static let prefix = "paper."
    static let valueKeyNames: [String: String?] = ["scan": "", "selection": "supervised"]

    /// `paper.*`: the paper's values under the same keys as ours. It publishes means over its
    /// configurations, so spreads (`.sem`) are left out; it has no tables.
    var keyedValues: [String: ReportValue] {
        get throws { try ValueEncoding.values(of: self, prefix: Self.prefix).filter { !$0.key.hasSuffix(".sem") } }
    }

    /// `ours` keyed, with these values under `paper.*` (the study's and `repro analyze`'s values.json).
    func keyed<T: Encodable>(besides ours: T) throws -> ValueStore {
        var v = ValueStore()
        v.values = try ValueEncoding.values(of: ours).merging(try keyedValues) { _, theirs in theirs }
        return v
    }
}

extension RunCost: ValueKeyed {
    static let prefix = "cost."
    static let valueKeyNames: [String: String?] = ["propensity": ""]

    /// `cost.*`, added by `Study` when the report is built.
    func keyed(into v: inout ValueStore) throws {
        v.values.merge(try ValueEncoding.values(of: self, prefix: Self.prefix)) { _, new in new }
    }
}

extension RunCost.Propensity: ValueKeyed {
    static let valueKeyNames: [String: String?] = ["minutes": "propensity_minutes", "paperCoreHours": "paper_propensity_core_hours"]
}
