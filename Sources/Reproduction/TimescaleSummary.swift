/// Everything the report quotes at one time (τα or t_β): the descriptor scan, the supervised
/// selection, and the prediction under both protocols when the regression ran at that time.
struct TimescaleSummary: Codable, Sendable, Equatable {
    var scan: DescriptorScanSummary
    var selection: SelectionSummary
    /// The kept-configuration protocol (the paper's).
    var prediction: PredictionSummary?
    /// Orders selected on other configurations than the one predicted.
    var leakageFreePrediction: PredictionSummary?
}

extension TimescaleSummary {
    init(_ o: StudyOutputs, time label: Timescale) throws {
        try self.init(imbalance: o.imbalance, regression: o.regression, ells: o.ells, configurations: o.configurations.count, time: label)
    }

    /// From the imbalance and regression stages' outputs alone (also `repro analyze`'s summary).
    init(imbalance: ImbalanceArtifact, regression: RegressionArtifact, ells: [Double], configurations c: Int, time label: Timescale) throws {
        let a = try imbalance.timescale(label)
        scan = DescriptorScanSummary(a, ells: ells, configurations: c)
        selection = try SelectionSummary(a, names: imbalance.featureNames, configurations: c)
        prediction = regression.outcome(label).map { PredictionSummary($0, configurations: c) }
        leakageFreePrediction = regression.outcome(label, .leakageFree).map { PredictionSummary($0, configurations: c) }
    }
}

/// How the β time differs from τα: prediction accuracy, and the ℓ of Θ̄ (first selected and
/// optimal). Each is nil when a side is missing.
struct BetaTimeSummary: Codable, Sendable, Equatable {
    var accuracyDrop: Double?
    var firstThetaEllShift: Double?
    var thetaOptimalEllShift: Double?

    init(alpha: TimescaleSummary, beta: TimescaleSummary) {
        if let a = alpha.prediction?.method(.supervised)?.dmax.value, let b = beta.prediction?.method(.supervised)?.dmax.value {
            accuracyDrop = a - b
        }
        if let a = alpha.selection.firstEllTheta, let b = beta.selection.firstEllTheta { firstThetaEllShift = b - a }
        thetaOptimalEllShift = beta.scan.peak(.stericOrder).optimalEll - alpha.scan.peak(.stericOrder).optimalEll
    }
}
