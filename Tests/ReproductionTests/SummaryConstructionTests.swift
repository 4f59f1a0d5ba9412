import Descriptors
import Foundation
import InformationImbalance
import MonteCarlo
import Pipeline
import Report
import Regression
import Testing
@testable import Reproduction

/// The summary's typed groups built directly from small hand-made stage outputs, then keyed:
/// stage output → one typed field → one key, each checked by hand.
@Suite struct SummaryConstructionTests {
    static let ells = [1.0, 2.0, 3.0]
    static let names = FeatureName.all(ells: ells).map(\.name)  // 6 descriptors × 3 ℓ; Θ̄ is 12…14

    func close(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-12) -> Bool { a.map { abs($0 - b) < tolerance } ?? false }

    /// Two configurations: |ρ| is 0.1 everywhere but Θ̄, whose (negative) ρ peaks at ℓ = 2 with
    /// 0.6 and 0.8; Δ(X→p) is 0.5 but Θ̄'s (0.4, 0.2, 0.4); Δ(p→X) is 0.5; Δ(q→p) is 0.2 and 0.4.
    static func analysis() -> TimescaleAnalysis {
        func pearson(_ peak: Double) -> [Double] {
            var row = [Double](repeating: 0.1, count: 18)
            row[12] = -peak / 2; row[13] = -peak; row[14] = -peak / 2
            return row
        }
        var to = [Double](repeating: 0.5, count: 18)
        to[12] = 0.4; to[13] = 0.2; to[14] = 0.4
        return TimescaleAnalysis(label: .tauAlpha, time: 100, pearson: [pearson(0.6), pearson(0.8)], toTarget: [to, to],
                                 fromTarget: [[Double](repeating: 0.5, count: 18), [Double](repeating: 0.5, count: 18)],
                                 qToP: [0.2, 0.4], pToQ: [0.3, 0.3], supervised: [])
    }

    @Test func descriptorScanPeaksAndKeys() throws {
        let scan = DescriptorScanSummary(Self.analysis(), ells: Self.ells, configurations: 2)
        let theta = scan.peak(.stericOrder)
        // |ρ| at ℓ = 2: 0.6 and 0.8 → mean 0.7, spread 0.1, standard error 0.1/√2.
        #expect(close(theta.pearsonPeak.value, 0.7) && close(theta.pearsonPeak.sem, 0.1 / 2.0.squareRoot()))
        #expect(theta.peakEll == 2 && close(theta.optimalEll, 2))  // symmetric peak: the parabola's vertex is the sample
        #expect(scan.bestDescriptor == .stericOrder && close(scan.thetaPearsonMargin, 0.6))
        #expect(close(theta.deltaXToPMin, 0.2) && close(theta.deltaXToPMean, 1.0 / 3) && close(theta.deltaPToXMean, 0.5))
        #expect(close(scan.symmetryMaxAbsDifference, 0.3) && close(scan.symmetryMeanAbsDifference, (0.1 + 0.3 + 0.1) / 18))
        #expect(close(scan.deltaQToP.value, 0.3) && close(scan.deltaQToP.sem, 0.1 / 2.0.squareRoot()))
        // The signed mean ρ Fig. 4 plots.
        #expect(close(scan.pearson[13], -0.7))

        var v = ValueStore()
        v.values = try ValueEncoding.values(of: scan, prefix: "beta.")
        #expect(v["beta.theta_bar.peak_ell"] == .number(2))
        #expect(close(v["beta.theta_bar.pearson_peak"]?.doubleValue, 0.7) && close(v["beta.theta_bar.pearson_peak.sem"]?.doubleValue, 0.1 / 2.0.squareRoot()))
        #expect(v["beta.best_descriptor"] == .text("Θ̄") && v["theta_bar.peak_ell"] == nil)
        #expect(v.values.keys.allSatisfy(ReportSummary.keySet.contains))
        // The peaks table puts the paper's peak beside ours.
        let table = scan.peaksTable(paper: scan)
        #expect(table.rows[Descriptor.stericOrder.rawValue][1] == "0.700" && table.rows[4][3] == "0.700 at 2.0")
    }

    @Test func supervisedSelectionFromOrdersAndCurves() throws {
        // Configuration 0 picks Θ̄(ℓ=2) then ρ̄(ℓ=1); configuration 1 picks ρ̄(ℓ=2) then Θ̄(ℓ=3).
        let s = try SelectionSummary(orders: [[13, 0, 7], [1, 14, 8]], toTarget: [[0.9, 0.5, 0.4], [0.7, 0.5, 0.2]],
                                     fromTarget: [[0.3, 0.3, 0.3], [0.3, 0.5, 0.3]], noiseRise: [0.01, 0.03], names: Self.names, configurations: 2)
        #expect(close(s.deltaD1.value, 0.8) && close(s.deltaD1.sem, 0.1 / 2.0.squareRoot()))
        #expect(close(s.deltaDmax.value, 0.3) && close(s.drop, 0.5) && s.dropShareByD10 == nil)  // max_d = 3 < 10
        #expect(close(s.noiseRise?.value, 0.02) && close(s.reverseRange, 0.1) && close(s.reverseMean, 1.0 / 3))
        #expect(s.firstIsTheta == 0.5 && s.secondIsRhoOrPhi == 0.5 && s.firstTwoThetaAndDensity == 1 && s.firstEllTheta == 2)
        #expect(s.firstFeatures[1] == [Self.names[1], Self.names[14], Self.names[8]])
        var v = ValueStore()
        v.values = try ValueEncoding.values(of: s, prefix: "supervised.")
        #expect(v["supervised.first_ell_theta"] == .number(2) && v["supervised.drop_share_by_d10"] == nil)
        #expect(close(v["supervised.noise_rise.sem"]?.doubleValue, 0.01 / 2.0.squareRoot()))
        #expect(v.values.keys.allSatisfy(ReportSummary.keySet.contains))
        #expect(s.ordersTable.columns == ["configuration", "X1", "X2", "X3"])
        // An unknown feature name says which file and name.
        #expect(throws: ReproductionError.self) {
            try SelectionSummary(orders: [[0, 1]], toTarget: [[1, 1]], fromTarget: [[1, 1]], noiseRise: [], names: ["x", "y"], configurations: 1)
        }
    }

    @Test func predictionPerMethodAndSpecies() throws {
        func method(_ m: SelectionMethod, _ mean: [Double]) -> MethodAccuracy {
            MethodAccuracy(method: m, perConfiguration: [mean], mean: mean, std: [0.1, 0.1, 0.2],
                           speciesMean: [[0, 0, 0.8], [0, 0, 0.7], [0, 0, 0.6]], speciesStd: [])
        }
        let outcome = RegressionOutcome(timescale: .tauAlpha, protocolName: .paper,
                                        methods: [method(.supervised, [0.5, 0.6, 0.7]), method(.random, [0.2, 0.3, 0.4])],
                                        keptConfiguration: 0, keptPropensity: [1, 2, 3, 4, 5, 6], keptPrediction: [2, 4, 6, 8, 10, 12],
                                        keptSpecies: [0, 0, 0, 1, 1, 1])
        let p = PredictionSummary(outcome, configurations: 4)
        #expect(p.maxD == 3 && p.method(.supervised)?.dmax == Estimate(value: 0.7, sem: 0.1))  // 0.2 / √4
        #expect(p.speciesOrderSML == "S > M > L" && close(p.speciesSMinusL, 0.2) && close(p.supervisedD2Share, 0.6 / 0.7))
        #expect(p.unsupervisedMinusRandomD10To15 == nil)  // no unsupervised method, d < 15
        // Kept configuration: p̂ = 2p, so ρ = 1 overall and within S and M; L is absent.
        #expect(close(p.keptPearson[0], 1) && close(p.keptPearson[1], 1) && p.keptPearson[3].isNaN)
        var v = ValueStore()
        v.values = try ValueEncoding.values(of: p, prefix: "beta.leakage_free.prediction.")
        #expect(v["beta.leakage_free.prediction.max_d"] == .integer(3))
        #expect(v["beta.leakage_free.prediction.random.d2"] == .number(0.3) && v["beta.leakage_free.prediction.random.d2.sem"] == .number(0.05))
        #expect(v["beta.leakage_free.prediction.supervised.species_L.dmax"] == .number(0.6))
        #expect(v.values.keys.allSatisfy(ReportSummary.keySet.contains))
    }

    @Test func unsupervisedDecadesAndOverlap() {
        let u = UnsupervisedSummary(symmetric: [[1, 0.1, 0.01]], orders: [[0, 1, 2]], supervisedOrders: [[2, 1, 0]], configurations: 1)
        #expect(u.symmetricD1 == 1 && u.symmetricDmax == 0.01 && close(u.decades, 2))
        #expect(u.overlapWithSupervisedD10 == nil)  // needs d ≥ 10
        let ten = Array(0..<10)
        let long = UnsupervisedSummary(symmetric: [ten.map { 1 / Double($0 + 1) }], orders: [ten], supervisedOrders: [[0, 1, 2] + Array(20..<27)],
                                       configurations: 1)
        #expect(close(long.overlapWithSupervisedD10?.value, 0.3))
    }

    @Test func betaTimeShifts() throws {
        // Θ̄ peaks at ℓ = 2 at τα and at ℓ = 3 at t_β; it is selected first only at t_β.
        let alpha = Self.timescale(thetaPeak: 13, first: 0), beta = Self.timescale(thetaPeak: 14, first: 14)
        let shift = BetaTimeSummary(alpha: alpha, beta: beta)
        #expect(close(shift.thetaOptimalEllShift, 1) && shift.accuracyDrop == nil && shift.firstThetaEllShift == nil)
        // Θ̄(ℓ = 2) first at τα, Θ̄(ℓ = 3) at t_β.
        #expect(BetaTimeSummary(alpha: Self.timescale(thetaPeak: 13, first: 13), beta: beta).firstThetaEllShift == 1)
    }

    static func timescale(thetaPeak k: Int, first: Int) -> TimescaleSummary {
        var a = analysis()
        a.pearson = a.pearson.map { row in var r = row; r[k] = -0.95; return r }
        let data = try! JSONSerialization.data(withJSONObject: [["order": [first, 1], "toTarget": [0.5, 0.4], "fromTarget": [0.3, 0.3]]])
        a.supervised = try! JSONDecoder().decode([SupervisedSelection].self, from: data)
        return TimescaleSummary(scan: DescriptorScanSummary(a, ells: ells, configurations: 2),
                                selection: try! SelectionSummary(a, names: names, configurations: 1), prediction: nil, leakageFreePrediction: nil)
    }

    /// A group survives its cache file (NaN included, as "nan").
    @Test func groupsRoundTripThroughTheirCacheFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("summary-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let scan = DescriptorScanSummary(Self.analysis(), ells: Self.ells, configurations: 2)
        try Artifact.writeJSON(scan, to: dir.appendingPathComponent("scan.json"))
        #expect(try Artifact.readJSON(DescriptorScanSummary.self, from: dir.appendingPathComponent("scan.json")) == scan)
        let undefined = Estimate(value: .nan, sem: 1)
        try Artifact.writeJSON(undefined, to: dir.appendingPathComponent("nan.json"))
        #expect(try Artifact.readJSON(Estimate.self, from: dir.appendingPathComponent("nan.json")).value.isNaN)
    }

    /// The swap window against the τα measured afterwards: 10⁵ / 1.25×10⁵ = 0.8, and no value
    /// without a τα or without a swap stage.
    @Test func swapWindowOverTheMeasuredTauAlpha() {
        let records = [AdaptiveEquilibration(windowSweeps: 100_000, maxSwapSweeps: 1_000_000, swapPairs: .adjacent),
                       AdaptiveEquilibration(windowSweeps: 100_000, maxSwapSweeps: 1_000_000, swapPairs: .adjacent)]
        #expect(EquilibriumSummary.windowOverTauAlpha(records, tauAlpha: 125_000) == 0.8)
        #expect(EquilibriumSummary.windowOverTauAlpha(records, tauAlpha: nil) == nil)
        #expect(EquilibriumSummary.windowOverTauAlpha([], tauAlpha: 125_000) == nil)
    }
}
