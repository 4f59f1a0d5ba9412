import Descriptors

/// The supervised selection at one time (Fig. 5): Δ(X_d→p) and Δ(p→X_d) over d, the noise
/// feature's rise, and which features come first. The paper's is built by the same function
/// from its published orders and mean curves.
struct SelectionSummary: Codable, Sendable, Equatable {
    /// The d by which the paper's Δ(X_d→p) has saturated (Fig. 5); the overlap of Fig. 6 and the
    /// unsupervised-versus-random comparison of Fig. 7 are taken from there too (keys `…d10…`).
    static let saturationD = 10
    /// How many selected features per configuration the orders table shows.
    static let firstFeatureCount = 5

    /// Δ(X_d→p), Δ(p→X_d) over d = 1…max_d.
    var toTarget: MeanCurve
    var fromTarget: MeanCurve
    /// Δ(X→p) and Δ(p→X) with a noise feature appended to the full selection (nil without).
    var noiseToTarget: MeanCurve?
    var noiseFromTarget: MeanCurve?
    var deltaD1: Estimate
    var deltaDmax: Estimate
    var drop: Double
    /// Share of the total drop achieved by d = `saturationD` (nil for a smaller max_d).
    var dropShareByD10: Double?
    /// Rise of Δ(X→p) when the noise feature is appended (nil without).
    var noiseRise: Estimate?
    var reverseRange: Double
    var reverseMean: Double
    /// Shares of configurations: Θ̄ first; ρ̄ or φ̄ second; Θ̄ and a density first two, either order
    /// (the last two nil for max_d = 1).
    var firstIsTheta: Double
    var secondIsRhoOrPhi: Double?
    var firstTwoThetaAndDensity: Double?
    /// Mean ℓ of Θ̄ where it comes first (nil when it never does).
    var firstEllTheta: Double?
    /// The first `firstFeatureCount` feature names per configuration.
    var firstFeatures: [[String]]

    init(_ a: TimescaleAnalysis, names: [String], configurations c: Int) throws {
        let noise = a.supervised.compactMap(\.withNoise)
        let rise = zip(noise, a.supervised).map { $0.forward - $1.toTarget.last! }
        try self.init(orders: a.supervised.map(\.order), toTarget: a.supervised.map(\.toTarget), fromTarget: a.supervised.map(\.fromTarget),
                      noiseRise: rise, names: names, configurations: c)
        if !noise.isEmpty {
            noiseToTarget = MeanCurve(rows: noise.map { [$0.forward] }); noiseFromTarget = MeanCurve(rows: noise.map { [$0.backward] })
        }
    }

    /// From plain arrays ([configuration][d−1]; `noiseRise` per configuration, possibly empty).
    init(orders: [[Int]], toTarget: [[Double]], fromTarget: [[Double]], noiseRise: [Double], names: [String], configurations c: Int) throws {
        let to = MeanCurve(rows: toTarget), from = MeanCurve(rows: fromTarget)
        self.toTarget = to; self.fromTarget = from
        let dMax = to.mean.count
        deltaD1 = to.estimate(0, configurations: c)
        deltaDmax = to.estimate(dMax - 1, configurations: c)
        drop = to.mean[0] - to.mean[dMax - 1]
        if dMax >= Self.saturationD { dropShareByD10 = (to.mean[0] - to.mean[Self.saturationD - 1]) / (to.mean[0] - to.mean[dMax - 1]) }
        if !noiseRise.isEmpty { self.noiseRise = MeanCurve(rows: noiseRise.map { [$0] }).estimate(0, configurations: c) }
        reverseRange = from.mean.max()! - from.mean.min()!
        reverseMean = from.mean.reduce(0, +) / Double(dMax)
        func feature(_ index: Int) throws -> FeatureName {
            guard let f = FeatureName(parsing: names[index]) else { throw ReproductionError.invalid("imbalance.json: unknown feature name '\(names[index])'") }
            return f
        }
        let firsts = try orders.map { try feature($0[0]) }
        func isTheta(_ f: FeatureName) -> Bool { f.descriptor == .stericOrder }
        func isDensity(_ f: FeatureName) -> Bool { f.descriptor == .density || f.descriptor == .areaFraction }
        firstIsTheta = Double(firsts.filter(isTheta).count) / Double(firsts.count)
        if orders.allSatisfy({ $0.count > 1 }) {
            let seconds = try orders.map { try feature($0[1]) }
            secondIsRhoOrPhi = Double(seconds.filter(isDensity).count) / Double(seconds.count)
            let pairs = zip(firsts, seconds).filter { a, b in (isTheta(a) && isDensity(b)) || (isDensity(a) && isTheta(b)) }
            firstTwoThetaAndDensity = Double(pairs.count) / Double(firsts.count)
        }
        let thetaElls = firsts.filter(isTheta).map(\.ell)
        if !thetaElls.isEmpty { firstEllTheta = thetaElls.reduce(0, +) / Double(thetaElls.count) }
        firstFeatures = orders.map { $0.prefix(Self.firstFeatureCount).map { names[$0] } }
    }
}
