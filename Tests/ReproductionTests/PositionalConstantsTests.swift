import Descriptors
import Foundation
import Model
import Pipeline
import Report
import Regression
import Testing
@testable import Reproduction

/// Issue 26 §5: the summaries and figures take their positions from the data (the curves'
/// length max_d, the ℓ grid, the species), not from the paper's max_d = 15 and three species.
@Suite struct PositionalConstantsTests {
    /// 7 ℓ values: 42 features, Θ̄ at 28…34.
    static let names = FeatureName.all(ells: [0.5, 1, 1.5, 2, 3, 4, 5]).map(\.name)

    /// A falling curve over d = 1…max_d.
    static func curve(_ dMax: Int, _ scale: Double = 1) -> [Double] { (1...dMax).map { scale / Double($0) } }

    func close(_ a: Double?, _ b: Double) -> Bool { a.map { abs($0 - b) < 1e-12 } ?? false }

    @Test(arguments: [5, 9, 10, 12, 20])
    func dropShareAtTheSaturationD(maxD: Int) throws {
        let to = Self.curve(maxD)
        let s = try SelectionSummary(orders: [Array(0..<maxD)], toTarget: [to], fromTarget: [to], noiseRise: [],
                                     names: Self.names, configurations: 1)
        #expect(close(s.deltaDmax.value, to[maxD - 1]) && s.firstFeatures[0].count == min(5, maxD))
        if maxD < 10 {
            #expect(s.dropShareByD10 == nil)
        } else {
            #expect(close(s.dropShareByD10, (1 - 1.0 / 10) / (1 - 1 / Double(maxD))))
        }
    }

    /// Unsupervised minus random over d = 10…max_d: max_d = 12 has three points (the literal
    /// range 9..<15 gave none), max_d = 20 eleven (it gave six), max_d = 9 none.
    @Test(arguments: [9, 12, 15, 20])
    func unsupervisedMinusRandomFromTenToMaxD(maxD: Int) {
        func method(_ m: SelectionMethod, _ mean: [Double]) -> MethodAccuracy {
            MethodAccuracy(method: m, perConfiguration: [mean], mean: mean, std: mean.map { _ in 0 }, speciesMean: [], speciesStd: [])
        }
        // unsupervised − random = d / 100 at d.
        let unsupervised = (1...maxD).map { 0.5 + Double($0) / 100 }, random = [Double](repeating: 0.5, count: maxD)
        let p = PredictionSummary(RegressionOutcome(timescale: .tauAlpha, protocolName: .paper,
                                                    methods: [method(.unsupervised, unsupervised), method(.random, random)],
                                                    keptConfiguration: 0, keptPropensity: [], keptPrediction: [], keptSpecies: []),
                                  configurations: 1)
        if maxD < 10 {
            #expect(p.unsupervisedMinusRandomD10To15 == nil)
        } else {
            let ds = (10...maxD).map { Double($0) / 100 }
            #expect(close(p.unsupervisedMinusRandomD10To15, ds.reduce(0, +) / Double(ds.count)))
        }
    }

    /// The overlap of the first ten features and its chance level over 42 features (7 ℓ values).
    @Test(arguments: [5, 12])
    func overlapOfTheFirstTen(maxD: Int) {
        let orders = [Array(0..<maxD)], supervised = [Array(0..<3) + Array(30..<(30 + maxD - 3))]
        let u = UnsupervisedSummary(symmetric: [Self.curve(maxD)], orders: orders, supervisedOrders: supervised, configurations: 1,
                                    features: Self.names.count)
        if maxD < 10 {
            #expect(u.overlapWithSupervisedD10 == nil && u.randomOverlapD10 == nil)
        } else {
            #expect(close(u.overlapWithSupervisedD10?.value, 0.3) && close(u.randomOverlapD10, 10.0 / 42))
        }
    }

    /// Published values whose Fig. 5 has max_d = 12 (with or without the noise point after it).
    static func published(maxD: Int, noise: Bool) -> PublishedValues {
        var p = PublishedValues.shared
        func cut(_ a: [Double]) -> [Double] { Array(a.prefix(maxD)) + (noise ? [a[a.count - 1]] : []) }
        p.fig5_supervised_selected_indices_per_config = p.fig5_supervised_selected_indices_per_config.map { Array($0.prefix(maxD)) }
        p.fig5_supervised_delta_Xd_to_p_mean = cut(p.fig5_supervised_delta_Xd_to_p_mean)
        p.fig5_supervised_delta_Xd_to_p_std = cut(p.fig5_supervised_delta_Xd_to_p_std)
        p.fig5_supervised_delta_p_to_Xd_mean = cut(p.fig5_supervised_delta_p_to_Xd_mean)
        p.fig5_supervised_delta_p_to_Xd_std = cut(p.fig5_supervised_delta_p_to_Xd_std)
        return p
    }

    /// The figure's paper curves end at Fig. 5's own max_d, the noise point after it (the literal
    /// prefix(15) / [15] crashed on max_d = 12, and drew the noise point as d = 13).
    @Test func paperFig5CurvesFollowTheirMaxD() throws {
        let shipped = PublishedValues.shared, all = shipped.fig5_supervised_delta_Xd_to_p_mean
        let full = FiguresStage.paperSupervisedCurves(shipped)
        #expect(full.deltaXdToP.mean == Array(all.prefix(15)) && full.noiseXdToP?.mean == all[15])
        #expect(full.noisePToXd?.std == shipped.fig5_supervised_delta_p_to_Xd_std[15])

        let p = Self.published(maxD: 12, noise: true)
        let short = FiguresStage.paperSupervisedCurves(p)
        #expect(short.deltaXdToP.mean == Array(all.prefix(12)) && short.deltaPToXd.mean.count == 12)
        #expect(short.noiseXdToP?.mean == all[15] && short.noiseXdToP?.std == shipped.fig5_supervised_delta_Xd_to_p_std[15])
        let paper = try PaperSummary(p)
        #expect(close(paper.selection.noiseRise?.value, all[15] - all[11]) && close(paper.selection.deltaDmax.value, all[11]))

        let none = FiguresStage.paperSupervisedCurves(Self.published(maxD: 12, noise: false))
        #expect(none.deltaXdToP.mean.count == 12 && none.noiseXdToP == nil && none.noisePToXd == nil)
        #expect(try PaperSummary(Self.published(maxD: 12, noise: false)).selection.noiseRise == nil)
    }

    /// max_d = 1, which the schemas allow: the values that need d = 2 are absent instead of an
    /// index out of range (order[1] and mean[1] crashed).
    @Test func maxDOfOne() throws {
        let s = try SelectionSummary(orders: [[28], [1]], toTarget: [[0.4], [0.6]], fromTarget: [[0.5], [0.5]], noiseRise: [],
                                     names: Self.names, configurations: 2)
        #expect(s.firstIsTheta == 0.5 && s.secondIsRhoOrPhi == nil && s.firstTwoThetaAndDensity == nil && s.drop == 0)
        #expect(s.ordersTable.columns == ["configuration", "X1"])
        let one = MethodAccuracy(method: .supervised, perConfiguration: [[0.7]], mean: [0.7], std: [0.1], speciesMean: [], speciesStd: [])
        let p = PredictionSummary(RegressionOutcome(timescale: .tauAlpha, protocolName: .paper, methods: [one], keptConfiguration: 0,
                                                    keptPropensity: [], keptPrediction: [], keptSpecies: []), configurations: 1)
        #expect(p.maxD == 1 && p.supervisedD2Share == nil && p.method(.supervised)?.d2 == nil && close(p.method(.supervised)?.dmax.value, 0.7))
        let u = UnsupervisedSummary(symmetric: [[0.3]], orders: [[2]], supervisedOrders: [[2]], configurations: 1, features: 42)
        #expect(u.decades == 0 && u.overlapWithSupervisedD10 == nil)
    }

    /// Per-species keys come from `Species`, in its order; no split sets none.
    @Test func speciesKeysFollowTheSpecies() throws {
        let m = PredictionSummary.Method(method: .supervised, d1: Estimate(value: 0.5, sem: 0), d2: nil,
                                         dmax: Estimate(value: 0.7, sem: 0), speciesDmax: [0.8, 0.7, 0.6])
        let v = try ValueEncoding.values(of: m, prefix: "prediction.supervised.")
        for (s, x) in zip(Species.allCases, [0.8, 0.7, 0.6]) { #expect(v["prediction.supervised.species_\(s.symbol).dmax"] == .number(x)) }
        var unsplit = m
        unsplit.speciesDmax = []
        #expect(try ValueEncoding.values(of: unsplit, prefix: "").keys.allSatisfy { !$0.hasPrefix("species_") })

        let keys = ReportSummary.keySet
        for s in Species.allCases {
            #expect(keys.contains("prediction.supervised.species_\(s.symbol).dmax"))
            #expect(keys.contains("within_species.theta_bar.peak_\(s.symbol)"))
        }
        let w = SpeciesSummary.WithinSpecies(descriptor: .density, pearsonPeak: 0.4, peakEll: 1, speciesPeaks: [0.3, 0.2, 0.1])
        let peaks = try ValueEncoding.values(of: w, prefix: "w.")
        #expect(peaks["w.peak_S"] == .number(0.3) && peaks["w.peak_M"] == .number(0.2) && peaks["w.peak_L"] == .number(0.1))
    }
}
