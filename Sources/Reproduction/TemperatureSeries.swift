import Descriptors
import Pipeline

/// One temperature of the series: what Fig. S2 plots and the series table lists.
struct SeriesPoint: Codable, Sendable, Equatable {
    var temperature: Double
    var tauAlpha: Double
    var configurations: Int
    /// ℓ at the parabola-refined maximum of |ρ(Θ̄, p)|.
    var optimalEllTheta: Double
    /// max over ℓ of |ρ(X, p)| per descriptor, in `Descriptor` order.
    var bestPearson: [Double]
    var halfPearson: Double?
    var speciesShare: Double?
    /// A series point's swap window over its τα (nil for the main data set, checked by
    /// `EquilibriumSummary`): the drift test compares windows of a τα only when this is ≥ 1.
    var windowOverTauAlpha: Double?

    init(_ scan: EllScan) {
        temperature = scan.temperature; tauAlpha = scan.tauAlpha; configurations = scan.configurations
        optimalEllTheta = Analysis.optimalEll(scan, of: .stericOrder)
        bestPearson = Descriptor.allCases.map { scan.absolutePearson($0).max() ?? .nan }
        halfPearson = scan.halfPearson; speciesShare = scan.speciesShare
        windowOverTauAlpha = scan.equilibrationWindow.flatMap { w in scan.tauAlpha > 0 ? Double(w) / scan.tauAlpha : nil }
    }

    init(temperature: Double, tauAlpha: Double, configurations: Int, optimalEllTheta: Double, bestPearson: [Double]) {
        self.temperature = temperature; self.tauAlpha = tauAlpha; self.configurations = configurations
        self.optimalEllTheta = optimalEllTheta; self.bestPearson = bestPearson
    }

    func best(_ d: Descriptor) -> Double { bestPearson[d.rawValue] }
    var bestDescriptor: Descriptor { Descriptor.allCases.max { best($0) < best($1) }! }
}

/// The temperature series as a typed value of the summary stage (`series.json`): computed once
/// from the ℓ scans, read by the report's values and by Fig. S2, never recomputed.
struct TemperatureSeries: Codable, Sendable, Equatable {
    static let fileName = "series.json"
    /// Hottest first: the series temperatures and the main one.
    var points: [SeriesPoint]
    /// The paper's T = 0.30 from its published Fig. 4a coefficients.
    var paper: SeriesPoint

    /// The shortest swap window over τα among the series' own points (nil when none records it).
    var minimumWindowOverTauAlpha: Double? { points.compactMap(\.windowOverTauAlpha).min() }

    init(points: [SeriesPoint], paper: SeriesPoint) { self.points = points; self.paper = paper }

    /// `paper`: the paper's state point, and its descriptor scan (Fig. 4a), whose peaks are its point.
    init(_ o: StudyOutputs, paper p: PaperSummary) {
        // The main temperature's window is the equilibrium summary's to check, not the series'.
        var main = o.ellScan
        main?.equilibrationWindow = nil
        points = (o.series + [main].compactMap { $0 }).sorted { $0.temperature > $1.temperature }.map(SeriesPoint.init)
        paper = SeriesPoint(temperature: p.temperature, tauAlpha: p.tauAlpha, configurations: p.configurations,
                            optimalEllTheta: p.scan.peak(.stericOrder).optimalEll, bestPearson: p.scan.peaks.map(\.pearsonPeak.value))
    }
}
