/// What the run cost, from the recorded task times, and what the paper's state point would cost
/// at the same engine speed. Run-time facts, not functions of the inputs: `Study` builds it
/// when the report is rendered (its keys: `cost.*`, SummaryValues.swift).
struct RunCost: Codable, Sendable, Equatable {
    /// The paper's iso-configurational ensemble: 10 configurations × 30 runs × τα = 4×10⁶ sweeps × N.
    static let paperPropensityTrials = 10.0 * 30 * 4e6 * 4000

    var taskMinutes: Double
    /// nil when no propensity task time was recorded.
    var propensity: Propensity?

    struct Propensity: Codable, Sendable, Equatable {
        var minutes: Double
        var trialsPerCoreSecond: Double
        var paperCoreHours: Double
    }

    /// From the propensity tasks' summed seconds and core-seconds (seconds × the threads each
    /// was given, wherever it ran) and their trials (`StatePoint.propensityTrials`).
    init(totalSeconds: Double, propensitySeconds: Double, propensityCoreSeconds: Double, propensityTrials: Double) {
        taskMinutes = totalSeconds / 60
        guard propensityCoreSeconds > 0 else { return }
        let rate = propensityTrials / propensityCoreSeconds
        propensity = Propensity(minutes: propensitySeconds / 60, trialsPerCoreSecond: rate,
                                paperCoreHours: Self.paperPropensityTrials / rate / 3600)
    }
}
